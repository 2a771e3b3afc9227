using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Host.Cli;
using Portal.Host.Hosts;
using Portal.Host.Iptables;

namespace Portal.Host.Agent;

/// <summary>
/// <c>Portal.Host run</c> on the .NET Generic Host. An empty builder (no configuration files or their watchers: the
/// command line is the configuration), the console lifetime (SIGTERM and SIGINT stop the host, which cancels every part
/// of the agent and waits for them to wind down) and, under systemd, its lifetime instead: READY=1 once started,
/// STOPPING=1 on stop, and log lines in journald's format with their priority. The parts: <see cref="AgentServices"/>.
/// </summary>
public static class AgentHost
{
    /// <summary>How long a stop may take: the agent's parts end within a few seconds of being cancelled.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(AgentOptions options)
    {
        IptablesBackend backend;
        try
        {
            backend = await IptablesBackend.DetectAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        PortalOwnSecrets.Remember(options.Token);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Information);
        Logging.Configure(builder.Logging);
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = ShutdownTimeout;
            o.ServicesStartConcurrently = true;
            o.ServicesStopConcurrently = true;
        });
        builder.Services.AddPortalAgent(options, backend);

        var host = builder.Build();
        var exit = host.Services.GetRequiredService<AgentExit>();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Host");
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopped.Register(() =>
        {
            if (exit.Code == 0)
            {
                logger.LogInformation("Agent stopped");
            }
        });

        // Runs until stopped, then stops every part and disposes the host (the connection to the server closes).
        await host.RunAsync();
        return exit.Code;
    }
}
