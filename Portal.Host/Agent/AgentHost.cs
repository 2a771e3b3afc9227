using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Host.Cli;

namespace Portal.Host.Agent;

/// <summary>
/// <c>Portal.Host run</c> on the .NET Generic Host. An empty builder (no configuration files or their watchers: the
/// command line is the configuration), the console lifetime (SIGTERM and SIGINT stop the host, which cancels the agent
/// and waits for it to wind down) and, under systemd, its lifetime instead: READY=1 once started, STOPPING=1 on stop, and
/// log lines in journald's format with their priority.
/// </summary>
public static class AgentHost
{
    /// <summary>How long a stop may take: the agent's parts end within a few seconds of being cancelled.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(AgentOptions options)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Information);
        Logging.Configure(builder.Logging);
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<AgentWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AgentWorker>());

        using var host = builder.Build();
        var worker = host.Services.GetRequiredService<AgentWorker>();
        await host.RunAsync();
        return worker.ExitCode;
    }
}
