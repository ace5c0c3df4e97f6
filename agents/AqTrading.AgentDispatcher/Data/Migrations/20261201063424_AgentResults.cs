using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AqTrading.AgentDispatcher.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgentResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_agent_runs",
                table: "agent_runs");

            migrationBuilder.RenameTable(
                name: "agent_runs",
                newName: "agent_results");

            migrationBuilder.RenameIndex(
                name: "ix_agent_runs_created_at",
                table: "agent_results",
                newName: "ix_agent_results_created_at");

            migrationBuilder.AddColumn<long>(
                name: "duration_ms",
                table: "agent_results",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "exit_code",
                table: "agent_results",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sandbox",
                table: "agent_results",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "started_at",
                table: "agent_results",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "success",
                table: "agent_results",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "summary",
                table: "agent_results",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tool_calls",
                table: "agent_results",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "trigger",
                table: "agent_results",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "api");

            // Roles were stored as enum names before; the API, the events and the matrix use the snake_case names.
            migrationBuilder.Sql("UPDATE agent_results SET role = CASE role WHEN 'Researcher' THEN 'researcher' WHEN 'Analyst' THEN 'analyst' " +
                                 "WHEN 'RiskController' THEN 'risk_controller' WHEN 'Ops' THEN 'ops' ELSE role END;");

            migrationBuilder.AddPrimaryKey(
                name: "pk_agent_results",
                table: "agent_results",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_agent_results_role_created_at",
                table: "agent_results",
                columns: new[] { "role", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_agent_results",
                table: "agent_results");

            migrationBuilder.DropIndex(
                name: "ix_agent_results_role_created_at",
                table: "agent_results");

            migrationBuilder.DropColumn(
                name: "duration_ms",
                table: "agent_results");

            migrationBuilder.DropColumn(
                name: "exit_code",
                table: "agent_results");

            migrationBuilder.DropColumn(
                name: "sandbox",
                table: "agent_results");

            migrationBuilder.DropColumn(
                name: "started_at",
                table: "agent_results");

            migrationBuilder.DropColumn(
                name: "success",
                table: "agent_results");

            migrationBuilder.DropColumn(
                name: "summary",
                table: "agent_results");

            migrationBuilder.DropColumn(
                name: "tool_calls",
                table: "agent_results");

            migrationBuilder.DropColumn(
                name: "trigger",
                table: "agent_results");

            migrationBuilder.RenameTable(
                name: "agent_results",
                newName: "agent_runs");

            migrationBuilder.RenameIndex(
                name: "ix_agent_results_created_at",
                table: "agent_runs",
                newName: "ix_agent_runs_created_at");

            migrationBuilder.AddPrimaryKey(
                name: "pk_agent_runs",
                table: "agent_runs",
                column: "id");
        }
    }
}
