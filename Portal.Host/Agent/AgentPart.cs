using Microsoft.Extensions.Hosting;

namespace Portal.Host.Agent;

/// <summary>
/// One part of the running agent as a hosted service: it runs until the host stops it. Ending any other way (a
/// refusal, a failure, returning) stops the whole agent through <see cref="AgentExit"/> with the matching exit code.
/// </summary>
public abstract class AgentPart(AgentExit exit) : BackgroundService
{
    /// <summary>Names the part in the error that ends the agent.</summary>
    protected abstract string Part { get; }

    protected abstract Task RunAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
            if (!stoppingToken.IsCancellationRequested)
            {
                exit.Failed(Part, null);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The requested stop.
        }
        catch (AgentRefusedException e)
        {
            exit.Refused(e);
        }
        catch (Exception e)
        {
            exit.Failed(Part, e);
        }
    }
}
