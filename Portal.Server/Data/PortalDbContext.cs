using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Server.Data.Secrets;

namespace Portal.Server.Data;

/// <summary>
/// Users and roles (Identity), hosts and their latest state, intents, sessions and the audit tables. This class is the
/// SQLite context (its migrations are in Migrations/); PostgreSQL runs the derived <see cref="Postgres.PostgresPortalDbContext"/>.
/// </summary>
public class PortalDbContext : IdentityDbContext<IdentityUser, IdentityRole, string>
{
    public PortalDbContext(DbContextOptions<PortalDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context, which carries a migration set of its own.</summary>
    protected PortalDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<HostEntity> Hosts => Set<HostEntity>();

    public DbSet<HostStateEntity> HostStates => Set<HostStateEntity>();

    public DbSet<IntentEntity> Intents => Set<IntentEntity>();

    public DbSet<UserSessionEntity> UserSessions => Set<UserSessionEntity>();

    public DbSet<SecretRevealEntity> SecretReveals => Set<SecretRevealEntity>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset columns; store UTC ticks so queries by time stay in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
