using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AqTrading.Portfolio.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountRealizedPnl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "realized_pnl",
                table: "accounts",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            // Accounts that already traded start from the sum of their transactions.
            migrationBuilder.Sql(
                "UPDATE accounts SET realized_pnl = t.total FROM (SELECT account_id, SUM(realized_pnl) AS total FROM transactions GROUP BY account_id) t " +
                "WHERE t.account_id = accounts.id;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "realized_pnl",
                table: "accounts");
        }
    }
}
