using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AqTrading.Strategies.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignalsFillsAndRunState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "last_error",
                table: "strategies",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "enabled",
                table: "strategies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "error_at",
                table: "strategies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mode",
                table: "strategies",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution",
                table: "strategies",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "1m");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "status_changed_at",
                table: "strategies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "strategy_fills",
                columns: table => new
                {
                    fill_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    strategy_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    price = table.Column<decimal>(type: "numeric", nullable: false),
                    fees = table.Column<decimal>(type: "numeric", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_strategy_fills", x => x.fill_id);
                });

            migrationBuilder.CreateTable(
                name: "strategy_signals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    strategy_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    order_type = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    limit_price = table.Column<decimal>(type: "numeric", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    factor_scores = table.Column<string>(type: "jsonb", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    order_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    reject_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_strategy_signals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_strategy_fills_strategy_id_occurred_at",
                table: "strategy_fills",
                columns: new[] { "strategy_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_strategy_signals_strategy_id_sequence",
                table: "strategy_signals",
                columns: new[] { "strategy_id", "sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "strategy_fills");

            migrationBuilder.DropTable(
                name: "strategy_signals");

            migrationBuilder.DropColumn(
                name: "enabled",
                table: "strategies");

            migrationBuilder.DropColumn(
                name: "error_at",
                table: "strategies");

            migrationBuilder.DropColumn(
                name: "mode",
                table: "strategies");

            migrationBuilder.DropColumn(
                name: "resolution",
                table: "strategies");

            migrationBuilder.DropColumn(
                name: "status_changed_at",
                table: "strategies");

            migrationBuilder.AlterColumn<string>(
                name: "last_error",
                table: "strategies",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);
        }
    }
}
