namespace Portal.FleetSim.Fleet;

/// <summary>What the agents did in the current window: changes sent, failed or skipped, snapshots the server asked for.</summary>
public sealed class FleetCounters
{
    private long _sent;
    private long _failed;
    private long _skipped;
    private long _snapshotRequests;
    private long _reconnects;
    private string? _lastError;

    public long SentCount => Interlocked.Read(ref _sent);

    public long FailedCount => Interlocked.Read(ref _failed);

    public long SkippedCount => Interlocked.Read(ref _skipped);

    public long SnapshotRequests => Interlocked.Read(ref _snapshotRequests);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public string? LastError => Volatile.Read(ref _lastError);

    public void Sent(string host, long sequence, DateTimeOffset at) => Interlocked.Increment(ref _sent);

    public void Failed(Exception e)
    {
        Interlocked.Increment(ref _failed);
        Volatile.Write(ref _lastError, e.GetType().Name + ": " + e.Message);
    }

    public void Skipped() => Interlocked.Increment(ref _skipped);

    public void SnapshotRequested() => Interlocked.Increment(ref _snapshotRequests);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void Reset()
    {
        Interlocked.Exchange(ref _sent, 0);
        Interlocked.Exchange(ref _failed, 0);
        Interlocked.Exchange(ref _skipped, 0);
        Interlocked.Exchange(ref _snapshotRequests, 0);
        Interlocked.Exchange(ref _reconnects, 0);
    }
}
