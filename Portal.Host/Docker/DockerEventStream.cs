using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace Portal.Host.Docker;

/// <summary>
/// Follows the engine's event stream (containers, networks, the daemon) for as long as the agent runs. When the
/// daemon goes away it retries with backoff; after every (re)connect it reports <c>onResync</c> because events
/// of the gap are lost (the daemon keeps 256 in memory and none across its own restart).
/// </summary>
public sealed class DockerEventStream(IDockerClient client, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    public async Task RunAsync(Action<DockerEvent> onEvent, Func<CancellationToken, Task> onResync, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await client.System.PingAsync(cancellationToken);
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
                var monitoring = client.System.MonitorEventsAsync(parameters, progress, cancellationToken);
                await onResync(cancellationToken);
                first = false;
                backoff = TimeSpan.FromMilliseconds(250);
                await monitoring;
                logger.LogWarning("Docker event stream ended (daemon stopped?); reconnecting");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Failed reading the Docker event stream: {Error}; retrying in {Delay} ms", e.Message, (int)backoff.TotalMilliseconds);
            }

            await Task.Delay(backoff, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
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
