using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.State;

namespace Portal.Server.Live;

/// <summary>
/// Sends <c>HostChanged</c> to a host's watchers and a summary-only change to the host list ("*"). The first change
/// goes out at once; changes within the next <see cref="Interval"/> are merged into one message, so a burst of
/// deltas costs the browsers one render while a single change is never held back.
/// </summary>
public sealed class LiveNotifier(IHubContext<LiveHub, ILiveClient> hub, TimeProvider clock, ILogger<LiveNotifier> logger)
{
    /// <summary>Short on purpose: the end-to-end target is p95 250 ms from Docker's event to the page.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, HostChangeBatch> _batches = new(StringComparer.OrdinalIgnoreCase);

    public void Publish(HostChange change)
    {
        var batch = _batches.GetOrAdd(change.Host, _ => new HostChangeBatch());
        TimeSpan wait;
        lock (batch)
        {
            batch.Add(change);
            if (batch.Scheduled)
            {
                return;
            }

            batch.Scheduled = true;
            var due = batch.LastSentTicks + Interval.Ticks - clock.GetUtcNow().UtcTicks;
            wait = due > 0 ? TimeSpan.FromTicks(due) : TimeSpan.Zero;
        }

        _ = Task.Run(() => FlushAsync(change.Host, batch, wait));
    }

    /// <summary>A state-level change without sections: online/offline, a new host, a snapshot (resync).</summary>
    public void Publish(HostState state, bool resync = false) =>
        Publish(new HostChange(state.Name, state.Sequence, state.ToSummary(), resync));

    public void PublishRemoved(string host) =>
        Publish(new HostChange(host, -1, new HostSummary(host, false, null, null, 0, 0, 0), Resync: true));

    /// <summary>The change a delta made: the host's new summary and the (masked) delta itself.</summary>
    public void PublishDelta(HostState state, HostDelta delta) =>
        Publish(new HostChange(state.Name, state.Sequence, state.ToSummary(), Resync: false, Delta: delta));

    private async Task FlushAsync(string host, HostChangeBatch batch, TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock);
        }

        HostChange? change;
        lock (batch)
        {
            change = batch.Take();
            batch.Scheduled = false;
            batch.LastSentTicks = clock.GetUtcNow().UtcTicks;
        }

        if (change is null)
        {
            return;
        }

        try
        {
            var summaryOnly = new HostChange(change.Host, change.Sequence, change.Summary, change.Resync);
            await Task.WhenAll(
                hub.Clients.Group(LiveHub.GroupFor(host)).HostChanged(change),
                hub.Clients.Group(LiveHubMethods.AllHosts).HostChanged(summaryOnly));
        }
        catch (Exception e)
        {
            // A failed push must not take the agent's ingest down; the page resyncs on reconnect.
            logger.LogWarning(e, "Could not push the change of host {Host}", host);
        }
    }
}
