using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class HostRegistered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Registered",
                table: "Hosts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Hosts added before the column existed: their first token is the best record of when they were added.
            migrationBuilder.Sql("UPDATE Hosts SET Registered = TokenCreated");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Registered",
                table: "Hosts");
        }
    }
}
