using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Api;
using Portal.Contracts.Flows;
using Portal.Server.Live;

namespace Portal.Server.Flows;

/// <summary>
/// Pushes <c>FlowsChanged</c> to a host's watchers. The first change goes out at once; changes within the next
/// <see cref="Interval"/> are merged (the latest totals of each edge win), so a host sends its watchers a few
/// messages per second at most, whatever its traffic.
/// </summary>
public sealed class FlowNotifier(IHubContext<LiveHub, ILiveClient> hub, TimeProvider clock, ILogger<FlowNotifier> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.OrdinalIgnoreCase);

    public void Publish(string host, IReadOnlyList<FlowEdge> totals)
    {
        if (totals.Count == 0)
        {
            return;
        }

        var pending = _pending.GetOrAdd(host, _ => new Pending());
        TimeSpan wait;
        lock (pending)
        {
            foreach (var edge in totals)
            {
                pending.Edges[FlowKey.Of(edge)] = edge;
            }

            if (pending.Scheduled)
            {
                return;
            }

            pending.Scheduled = true;
            var due = pending.LastSentTicks + Interval.Ticks - clock.GetUtcNow().UtcTicks;
            wait = due > 0 ? TimeSpan.FromTicks(due) : TimeSpan.Zero;
        }

        _ = Task.Run(() => FlushAsync(host, pending, wait));
    }

    private async Task FlushAsync(string host, Pending pending, TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock);
        }

        List<FlowEdge> edges;
        lock (pending)
        {
            edges = [.. pending.Edges.Values];
            pending.Edges.Clear();
            pending.Scheduled = false;
            pending.LastSentTicks = clock.GetUtcNow().UtcTicks;
        }

        if (edges.Count == 0)
        {
            return;
        }

        try
        {
            await hub.Clients.Group(LiveHub.GroupFor(host)).FlowsChanged(new FlowsChange(host, edges));
        }
        catch (Exception e)
        {
            // The edges are stored; a page that missed the push reads them through the API.
            logger.LogWarning(e, "Could not push the flows of host {Host}", host);
        }
    }

    private sealed class Pending
    {
        public Dictionary<FlowKey, FlowEdge> Edges { get; } = [];

        public bool Scheduled { get; set; }

        public long LastSentTicks { get; set; } = long.MinValue / 2;
    }
}
