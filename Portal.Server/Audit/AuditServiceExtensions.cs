using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Server.Data;

namespace Portal.Server.Audit;

public static class AuditServiceExtensions
{
    /// <summary>The audit store in the portal's database (SQLite or PostgreSQL), its ingest, live pushes and the retention job.</summary>
    public static IHostApplicationBuilder AddPortalAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection("Portal:Audit"));
        builder.Services.TryAddSingleton(TimeProvider.System);
        // The same database EF uses, read when first needed: test hosts override configuration after Program runs.
        builder.Services.TryAddSingleton(services =>
        {
            var settings = DatabaseSettings.Read(services);
            return new AuditDatabase(settings.Provider, settings.ConnectionString!);
        });
        builder.Services.TryAddSingleton<AuditWriter>();
        builder.Services.TryAddSingleton<AuditReader>();
        builder.Services.TryAddSingleton<AuditTimeline>();
        builder.Services.TryAddSingleton<AuditNotifier>();
        builder.Services.TryAddSingleton<SentCommands>();
        builder.Services.TryAddSingleton<BatchScreen>();
        builder.Services.TryAddSingleton<IngestRateLimiter>();
        builder.Services.TryAddSingleton<AuditIngest>();
        builder.Services.TryAddSingleton<AuditRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditRetention>());
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalAudit(this IEndpointRouteBuilder endpoints) => endpoints.MapAuditApi();
}
