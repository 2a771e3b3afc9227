using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Portal.Host.Resilience;

namespace Portal.Host.Docker;

/// <summary>
/// Follows the engine's event stream (containers, networks, the daemon) for as long as the agent runs. When the
/// daemon goes away it retries through the agent's retry pipeline; after every (re)connect it reports <c>onResync</c>
/// because events of the gap are lost (the daemon keeps 256 in memory and none across its own restart).
/// </summary>
public sealed class DockerEventStream(IDockerClient client, AgentRetry retry, ILogger logger)
{

    public async Task RunAsync(Action<DockerEvent> onEvent, Func<CancellationToken, Task> onResync, CancellationToken cancellationToken)
    {
        var first = true;
        try
        {
            // One run of the pipeline per stream: a stream that ends after it was up is followed at once (the schedule
            // starts afresh), a daemon that is away is retried with growing waits.
            while (!cancellationToken.IsCancellationRequested)
            {
                await retry.RunAsync("Reading the Docker event stream", FollowAsync, cancellationToken);
                logger.LogWarning("Docker event stream ended (daemon stopped?); reconnecting");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }

        async Task FollowAsync(CancellationToken token)
        {
            await client.System.PingAsync(token);
            if (!first)
            {
                logger.LogInformation("Docker engine is back; reading everything again");
            }

            // Subscribe first, then resync: an event that lands between the two is seen twice, never lost.
            var parameters = new ContainerEventsParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["type"] = new Dictionary<string, bool> { ["container"] = true, ["network"] = true, ["daemon"] = true },
                },
            };
            var progress = new ImmediateProgress<Message>(message => onEvent(Map(message)));
            var monitoring = client.System.MonitorEventsAsync(parameters, progress, token);
            await onResync(token);
            first = false;
            await monitoring;
        }
    }

    public static DockerEvent Map(Message message)
    {
        string? name = null;
        string? container = null;
        _ = message.Actor?.Attributes?.TryGetValue("name", out name);
        _ = message.Actor?.Attributes?.TryGetValue("container", out container);
        var at = message.TimeNano is > 0 and { } nanos
            ? DateTimeOffset.FromUnixTimeMilliseconds(nanos / 1_000_000)
            : DateTimeOffset.UtcNow;
        return new DockerEvent(at, message.Type ?? string.Empty, message.Action ?? string.Empty, message.Actor?.ID ?? string.Empty, name, container);
    }
}
