using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Live;

namespace Portal.Server.Counters;

/// <summary>
/// Pushes <c>CountersChanged</c> to a host's watchers, at most once per <see cref="Interval"/> per host: the first
/// change goes out at once, what arrives within the next second is merged (the latest totals of each rule) into one
/// push at its end. Counters move all the time on a busy host; a page needs to see them move, not every read.
/// </summary>
public sealed class CountersNotifier(IHubContext<LiveHub, ILiveClient> hub, TimeProvider clock, ILogger<CountersNotifier> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.OrdinalIgnoreCase);

    public void Publish(string host, IReadOnlyList<RuleCounter> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var pending = _pending.GetOrAdd(host, _ => new Pending());
        TimeSpan wait;
        lock (pending)
        {
            foreach (var counter in changed)
            {
                pending.Counters[(counter.Ipv6, counter.Table, counter.Chain, counter.Index, counter.Text)] = counter;
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

        RuleCounter[] counters;
        lock (pending)
        {
            counters = [.. pending.Counters.Values];
            pending.Counters.Clear();
            pending.Scheduled = false;
            pending.LastSentTicks = clock.GetUtcNow().UtcTicks;
        }

        try
        {
            await hub.Clients.Group(LiveHub.GroupFor(host)).CountersChanged(new CountersChange(host, counters));
        }
        catch (Exception e)
        {
            // A failed push must not disturb the agent; the page reads the counters again when it reconnects.
            logger.LogWarning(e, "Could not push the rule counters of host {Host}", host);
        }
    }

    private sealed class Pending
    {
        public Dictionary<(bool, string, string, int, string), RuleCounter> Counters { get; } = [];

        public bool Scheduled { get; set; }

        public long LastSentTicks { get; set; }
    }
}
