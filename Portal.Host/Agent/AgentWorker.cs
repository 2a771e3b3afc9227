using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Host.Cli;

namespace Portal.Host.Agent;

/// <summary>
/// <c>run</c> as the Generic Host's one hosted service: the agent runs until the host stops (SIGTERM, SIGINT, systemd's
/// stop), which cancels it; the agent ending on its own (refused, failed) stops the host with <see cref="ExitCode"/>.
/// </summary>
public sealed class AgentWorker(AgentOptions options, ILoggerFactory loggers, IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger("Portal.Host");

    /// <summary>0 after a requested stop; <see cref="AgentRefusedException.ExitCode"/> when refused; 1 on a failure.</summary>
    public int ExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await new AgentService(options, loggers).RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _logger.LogInformation("Agent stopped");
            ExitCode = 0;
        }
        catch (AgentRefusedException e)
        {
            // Retrying cannot help (the command line or the token is wrong): say why and stay down.
            _logger.LogCritical("The server refused this agent: {Reason}", e.Message);
            await Console.Error.WriteLineAsync($"error: the server refused this agent: {e.Message}");
            ExitCode = AgentRefusedException.ExitCode;
        }
        catch (Exception e)
        {
            _logger.LogError("run failed: {Error}", e.Message);
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
