using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AqTrading.Strategies.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignalStopPrice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "order_type",
                table: "strategy_signals",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(8)",
                oldMaxLength: 8);

            migrationBuilder.AddColumn<decimal>(
                name: "stop_price",
                table: "strategy_signals",
                type: "numeric",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "stop_price",
                table: "strategy_signals");

            migrationBuilder.AlterColumn<string>(
                name: "order_type",
                table: "strategy_signals",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16);
        }
    }
}
