using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Host.Agent;

/// <summary>
/// How <c>run</c> ends: 0 after a requested stop (SIGTERM, SIGINT, systemd's stop); <see cref="AgentRefusedException.ExitCode"/>
/// when the server refused the agent; 1 when a part failed or ended on its own. A part that ends stops the whole agent:
/// one running without the others would be half blind, and the supervisor starts a whole one. The first reason wins.
/// </summary>
public sealed class AgentExit(IHostApplicationLifetime lifetime, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Portal.Host");
    private int _code;

    public int Code => Volatile.Read(ref _code);

    public void Refused(AgentRefusedException refusal)
    {
        if (Interlocked.CompareExchange(ref _code, AgentRefusedException.ExitCode, 0) == 0)
        {
            // Retrying cannot help (the command line or the token is wrong): say why and stay down.
            _logger.LogCritical("The server refused this agent: {Reason}", refusal.Message);
            Console.Error.WriteLine($"error: the server refused this agent: {refusal.Message}");
        }

        lifetime.StopApplication();
    }

    public void Failed(string part, Exception? failure)
    {
        var message = failure?.Message ?? $"{part} stopped unexpectedly";
        if (Interlocked.CompareExchange(ref _code, 1, 0) == 0)
        {
            _logger.LogError("run failed: {Error}", message);
            Console.Error.WriteLine($"error: {message}");
        }

        lifetime.StopApplication();
    }
}
