using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Server.Reconciling;

public static class ReconcileServiceExtensions
{
    /// <summary>The reconciler: intents against observed state after every change of a host and on a timer.</summary>
    public static IHostApplicationBuilder AddPortalReconciler(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ReconcileSignal>();
        builder.Services.TryAddSingleton<SettleWindow>();
        builder.Services.TryAddSingleton<AdvisoryLocks>();
        builder.Services.TryAddSingleton<RepairBackoff>();
        builder.Services.TryAddSingleton<HostReconciler>();
        builder.Services.AddHostedService<ReconcileService>();
        return builder;
    }
}
