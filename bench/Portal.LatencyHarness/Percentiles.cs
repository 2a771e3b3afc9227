namespace Portal.LatencyHarness;

/// <summary>Nearest-rank percentiles of a sample.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sample, double percentile)
    {
        var sorted = sample.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Describe(string what, IReadOnlyList<double> sample) =>
        $"{what}: n={sample.Count} p50={Of(sample, 50):0.0} ms p95={Of(sample, 95):0.0} ms max={sample.Max():0.0} ms";
}
