using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Server.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Flows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "flowedges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    host = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "nocase"),
                    from = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    to = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    port = table.Column<int>(type: "integer", nullable: false),
                    proto = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    network = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    firstseen = table.Column<long>(type: "bigint", nullable: false),
                    lastseen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flowedges", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_flowedges_host_from_to_port_proto_network",
                table: "flowedges",
                columns: new[] { "host", "from", "to", "port", "proto", "network" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_flowedges_host_lastseen",
                table: "flowedges",
                columns: new[] { "host", "lastseen" });

            migrationBuilder.CreateIndex(
                name: "IX_flowedges_lastseen",
                table: "flowedges",
                column: "lastseen");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "flowedges");
        }
    }
}
