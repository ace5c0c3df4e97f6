using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AqTrading.Derivatives.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContractTermsAndExpirations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "derivative_contracts",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exchange",
                table: "derivative_contracts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "style",
                table: "derivative_contracts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "tick_size",
                table: "derivative_contracts",
                type: "numeric(18,8)",
                precision: 18,
                scale: 8,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "derivative_contracts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "expiration_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    account_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    strategy_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    contract_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    underlying = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    expiry = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    strike = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    underlying_price = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    share_quantity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    cash_change = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "text", nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expiration_actions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "expiry_runs",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    actions = table.Column<int>(type: "integer", nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expiry_runs", x => x.date);
                });

            migrationBuilder.CreateIndex(
                name: "ix_expiration_actions_booking_id",
                table: "expiration_actions",
                column: "booking_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_expiration_actions_expiry",
                table: "expiration_actions",
                column: "expiry");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "expiration_actions");

            migrationBuilder.DropTable(
                name: "expiry_runs");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "derivative_contracts");

            migrationBuilder.DropColumn(
                name: "exchange",
                table: "derivative_contracts");

            migrationBuilder.DropColumn(
                name: "style",
                table: "derivative_contracts");

            migrationBuilder.DropColumn(
                name: "tick_size",
                table: "derivative_contracts");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "derivative_contracts");
        }
    }
}
