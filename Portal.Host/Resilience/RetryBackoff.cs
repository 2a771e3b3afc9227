namespace Portal.Host.Resilience;

/// <summary>
/// The agent's one schedule of waits between attempts: doubling from <see cref="First"/> up to <see cref="Max"/>, each
/// wait spread by ±<see cref="Jitter"/> so that the agents of many hosts do not come back at the same instant after a
/// server restart, and never above <see cref="Max"/>. The retry pipeline and SignalR's reconnect policy both ask it.
/// </summary>
public sealed class RetryBackoff(TimeSpan first, TimeSpan max, double jitter, Func<double>? random = null)
{
    /// <summary>The agent's schedule: about 1, 2, 4, 8 s, then 10 s for as long as it takes.</summary>
    public static RetryBackoff Agent { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2);

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public TimeSpan First => first;

    public TimeSpan Max => max;

    public double Jitter => jitter;

    /// <summary>The wait before retry number <paramref name="attempt"/> + 1 (0: the wait after the first failure).</summary>
    public TimeSpan Delay(long attempt)
    {
        // Past 2^20 the doubling is far above any sane maximum; capping the exponent keeps the double finite.
        var nominal = Math.Min(max.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 20)));
        var spread = nominal * (1 - jitter + (2 * jitter * _random()));
        return TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, spread));
    }
}
