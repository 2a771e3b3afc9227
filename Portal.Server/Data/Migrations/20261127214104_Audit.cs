using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Audit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditBaselines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HostId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditBaselines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HostId = table.Column<int>(type: "INTEGER", nullable: false),
                    Journal = table.Column<byte[]>(type: "BLOB", maxLength: 16, nullable: false),
                    Batch = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastEntryId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditCauses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCauses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditChains",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TableName = table.Column<string>(type: "TEXT", nullable: false),
                    ChainName = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChains", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditContainers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditContainers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HostId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ChainId = table.Column<int>(type: "INTEGER", nullable: false),
                    Change = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CauseId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContainerId = table.Column<int>(type: "INTEGER", nullable: true),
                    BatchId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditHosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false, collation: "NOCASE")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHosts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditOwners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditOwners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditRuleTexts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Hash = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRuleTexts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditBaselines_Host_At",
                table: "AuditBaselines",
                columns: new[] { "HostId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditBatches_Host_At",
                table: "AuditBatches",
                columns: new[] { "HostId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditBatches_Key",
                table: "AuditBatches",
                columns: new[] { "HostId", "Journal", "Batch" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditCauses_Json",
                table: "AuditCauses",
                column: "Json",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditCauses_Kind",
                table: "AuditCauses",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_AuditChains_TableName_ChainName",
                table: "AuditChains",
                columns: new[] { "TableName", "ChainName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditContainers_Name",
                table: "AuditContainers",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Cause_At",
                table: "AuditEntries",
                columns: new[] { "CauseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Chain_At",
                table: "AuditEntries",
                columns: new[] { "ChainId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Container_At",
                table: "AuditEntries",
                columns: new[] { "ContainerId", "At" },
                filter: "\"ContainerId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Host_At",
                table: "AuditEntries",
                columns: new[] { "HostId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditHosts_Name",
                table: "AuditHosts",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditOwners_Json",
                table: "AuditOwners",
                column: "Json",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditRuleTexts_Hash",
                table: "AuditRuleTexts",
                column: "Hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditBaselines");

            migrationBuilder.DropTable(
                name: "AuditBatches");

            migrationBuilder.DropTable(
                name: "AuditCauses");

            migrationBuilder.DropTable(
                name: "AuditChains");

            migrationBuilder.DropTable(
                name: "AuditContainers");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "AuditHosts");

            migrationBuilder.DropTable(
                name: "AuditOwners");

            migrationBuilder.DropTable(
                name: "AuditRuleTexts");
        }
    }
}
