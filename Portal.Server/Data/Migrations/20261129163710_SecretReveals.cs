using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class SecretReveals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SealedSecrets",
                table: "HostStates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SecretReveals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    User = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Container = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Variable = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecretReveals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SecretReveals_At",
                table: "SecretReveals",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SecretReveals");

            migrationBuilder.DropColumn(
                name: "SealedSecrets",
                table: "HostStates");
        }
    }
}
