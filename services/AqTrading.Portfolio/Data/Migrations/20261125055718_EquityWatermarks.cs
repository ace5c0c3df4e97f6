using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AqTrading.Portfolio.Data.Migrations
{
    /// <inheritdoc />
    public partial class EquityWatermarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "equity_watermarks",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    trading_day = table.Column<DateOnly>(type: "date", nullable: false),
                    start_equity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    peak_equity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    last_equity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equity_watermarks", x => new { x.account_id, x.trading_day });
                    table.ForeignKey(
                        name: "fk_equity_watermarks_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "equity_watermarks");
        }
    }
}
