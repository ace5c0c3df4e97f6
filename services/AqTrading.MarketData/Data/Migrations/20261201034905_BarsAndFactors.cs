using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AqTrading.MarketData.Data.Migrations
{
    /// <inheritdoc />
    public partial class BarsAndFactors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "instruments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bars",
                columns: table => new
                {
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    resolution = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    open = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    high = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    low = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    close = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false),
                    volume = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bars", x => new { x.symbol, x.resolution, x.start });
                });

            migrationBuilder.CreateTable(
                name: "factor_rows",
                columns: table => new
                {
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    price_factor = table.Column<decimal>(type: "numeric(19,10)", precision: 19, scale: 10, nullable: false),
                    split_factor = table.Column<decimal>(type: "numeric(19,10)", precision: 19, scale: 10, nullable: false),
                    reference_price = table.Column<decimal>(type: "numeric(19,6)", precision: 19, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_factor_rows", x => new { x.symbol, x.date });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bars");

            migrationBuilder.DropTable(
                name: "factor_rows");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "instruments");
        }
    }
}
