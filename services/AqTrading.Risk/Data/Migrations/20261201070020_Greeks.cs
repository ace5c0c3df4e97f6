using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AqTrading.Risk.Data.Migrations
{
    /// <inheritdoc />
    public partial class Greeks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "greeks_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scope_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    metric = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    message = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_greeks_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "greeks_limits",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    limits = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_greeks_limits", x => x.account_id);
                });

            migrationBuilder.CreateTable(
                name: "greeks_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    account_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scope_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    dollar_delta = table.Column<double>(type: "double precision", nullable: false),
                    gamma_dollar = table.Column<double>(type: "double precision", nullable: false),
                    vega_per1pct = table.Column<double>(type: "double precision", nullable: false),
                    theta_per_day = table.Column<double>(type: "double precision", nullable: false),
                    coverage_pct = table.Column<double>(type: "double precision", nullable: false),
                    valid_legs = table.Column<int>(type: "integer", nullable: false),
                    total_legs = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_greeks_snapshots", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_greeks_alerts_account_id_created_at",
                table: "greeks_alerts",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_greeks_snapshots_account_id_scope_scope_id_created_at",
                table: "greeks_snapshots",
                columns: new[] { "account_id", "scope", "scope_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "greeks_alerts");

            migrationBuilder.DropTable(
                name: "greeks_limits");

            migrationBuilder.DropTable(
                name: "greeks_snapshots");
        }
    }
}
