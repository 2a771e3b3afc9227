using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Portal.Host.Docker;
using Portal.Host.Resilience;

namespace Portal.Host.Agent;

/// <summary>
/// Follows the engine's events: each is noted for the history's attribution and asks the worker to re-read the engine;
/// every (re)connect of the stream asks too, since the events of the gap are lost.
/// </summary>
public sealed class DockerEventsService(AgentSession session, AgentInbox inbox, IDockerClient docker, AgentRetry retry, ILoggerFactory loggers, AgentExit exit)
    : AgentPart(exit)
{
    protected override string Part => "the Docker event stream";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var start = await session.StartedAsync(stoppingToken);
        var events = new DockerEventStream(docker, retry, loggers.CreateLogger("Portal.Host.Agent"));
        await events.RunAsync(
            e =>
            {
                start.History.OnDockerEvent(e);
                inbox.Post(new AgentWork.Refresh($"{e.Type} {e.Action} {e.Name ?? e.ActorId}"));
            },
            _ =>
            {
                inbox.Post(new AgentWork.Refresh("engine (re)connected"));
                return Task.CompletedTask;
            },
            stoppingToken);
    }
}
