namespace Portal.Server.Audit;

/// <summary>
/// A token bucket of rule-change rows per host, so one agent cannot flood the history (and the single SQLite writer
/// every host shares). A batch is admitted while the bucket is not empty and takes all its rows, possibly into debt:
/// a batch larger than the burst still gets through, and the next waits until the debt is paid off at the sustained
/// rate. A refused batch stays in the agent's outbox, which sends it again a few seconds later, so an honest agent
/// loses nothing; it is only slowed down.
/// </summary>
public sealed class IngestRateLimiter(TimeProvider clock, Microsoft.Extensions.Options.IOptions<AuditOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes <paramref name="rows"/> (at least one per batch) or says how long until the host may send again.</summary>
    public bool TryTake(string host, int rows, out TimeSpan retryAfter)
    {
        var rate = Math.Max(1, options.Value.IngestRowsPerSecond);
        var burst = Math.Max(1, options.Value.IngestBurstRows);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_buckets.TryGetValue(host, out var bucket))
            {
                _buckets[host] = bucket = new Bucket { Tokens = burst, At = now };
            }

            bucket.Tokens = Math.Min(burst, bucket.Tokens + (now - bucket.At).TotalSeconds * rate);
            bucket.At = now;
            if (bucket.Tokens <= 0)
            {
                retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / rate);
                return false;
            }

            bucket.Tokens -= Math.Max(1, rows);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset At { get; set; }
    }
}
