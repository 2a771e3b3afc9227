using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Flows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FlowEdges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Host = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false, collation: "NOCASE"),
                    From = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    Proto = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlowEdges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FlowEdges_Host_From_To_Port_Proto_Network",
                table: "FlowEdges",
                columns: new[] { "Host", "From", "To", "Port", "Proto", "Network" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FlowEdges_Host_LastSeen",
                table: "FlowEdges",
                columns: new[] { "Host", "LastSeen" });

            migrationBuilder.CreateIndex(
                name: "IX_FlowEdges_LastSeen",
                table: "FlowEdges",
                column: "LastSeen");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FlowEdges");
        }
    }
}
