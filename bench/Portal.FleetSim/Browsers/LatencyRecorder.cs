using System.Collections.Concurrent;

namespace Portal.FleetSim.Browsers;

/// <summary>Change to browser latencies (milliseconds) of the current window, from every browser.</summary>
public sealed class LatencyRecorder
{
    private ConcurrentQueue<double> _samples = new();

    public void Record(double milliseconds) => _samples.Enqueue(milliseconds);

    /// <summary>The window's samples, sorted; a new window starts.</summary>
    public double[] Take()
    {
        var taken = Interlocked.Exchange(ref _samples, new ConcurrentQueue<double>());
        var sorted = taken.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>The nearest-rank percentile of sorted samples (NaN for none).</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
