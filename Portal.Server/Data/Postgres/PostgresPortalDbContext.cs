using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Portal.Server.Data.Postgres;

/// <summary>
/// The portal's model on PostgreSQL, with its own migrations (Data/Postgres/Migrations). Names are folded to lower
/// case, PostgreSQL's own convention, so that the audit store's raw SQL is the same text on both engines (unquoted
/// names fold to lower case in PostgreSQL). Host names compare case-insensitively through a nondeterministic ICU
/// collation, as SQLite's NOCASE does.
/// </summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options)
{
    public const string NoCase = "nocase";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__efmigrationshistory"));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasCollation(NoCase, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            entity.SetTableName(entity.GetTableName()?.ToLowerInvariant());
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(property.GetColumnName(table)?.ToLowerInvariant());
                if (string.Equals(property.GetCollation(), "NOCASE", StringComparison.OrdinalIgnoreCase))
                {
                    property.SetCollation(NoCase);
                }
            }

            foreach (var index in entity.GetIndexes())
            {
                if (index.GetFilter() is { } filter)
                {
                    // Filters quote the SQLite names ("ContainerId" IS NOT NULL).
                    index.SetFilter(filter.ToLowerInvariant());
                }
            }
        }
    }
}
