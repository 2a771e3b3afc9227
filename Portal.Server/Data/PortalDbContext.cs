using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Server.Data.Flows;
using Portal.Server.Data.Secrets;

namespace Portal.Server.Data;

/// <summary>Users and roles (Identity), hosts and their latest state. Intents and audit join here later.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<IdentityUser, IdentityRole, string>(options)
{
    public DbSet<HostEntity> Hosts => Set<HostEntity>();

    public DbSet<HostStateEntity> HostStates => Set<HostStateEntity>();

    public DbSet<IntentEntity> Intents => Set<IntentEntity>();

    public DbSet<UserSessionEntity> UserSessions => Set<UserSessionEntity>();

    public DbSet<SecretRevealEntity> SecretReveals => Set<SecretRevealEntity>();

    public DbSet<FlowEdgeEntity> FlowEdges => Set<FlowEdgeEntity>();

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
