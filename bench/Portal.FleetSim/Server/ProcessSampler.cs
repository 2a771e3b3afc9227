using System.Globalization;

namespace Portal.FleetSim.Server;

/// <summary>
/// Reads a process's resident memory and CPU time from /proc (Linux), and the machine's load average: the figures a
/// window reports next to its latencies.
/// </summary>
public sealed class ProcessSampler(int pid)
{
    private const double TicksPerSecond = 100;  // USER_HZ on Linux

    private readonly List<long> _rss = [];
    private double _cpuAtStart;
    private DateTimeOffset _start;

    public int Pid => pid;

    public void Start()
    {
        lock (_rss)
        {
            _rss.Clear();
        }

        _cpuAtStart = CpuSeconds();
        _start = DateTimeOffset.UtcNow;
    }

    public void Sample()
    {
        var rss = RssBytes();
        lock (_rss)
        {
            _rss.Add(rss);
        }
    }

    /// <summary>Median and peak RSS (MiB) of the samples, and the average CPU (% of one core) since <see cref="Start"/>.</summary>
    public (double MedianMiB, double PeakMiB, double CpuPercent) Stop()
    {
        long[] samples;
        lock (_rss)
        {
            samples = [.. _rss.DefaultIfEmpty(RssBytes())];
        }

        Array.Sort(samples);
        var seconds = (DateTimeOffset.UtcNow - _start).TotalSeconds;
        var cpu = seconds <= 0 ? 0 : (CpuSeconds() - _cpuAtStart) / seconds * 100;
        return (samples[samples.Length / 2] / 1048576.0, samples[^1] / 1048576.0, cpu);
    }

    public long RssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>utime + stime of the process (fields 14 and 15 of /proc/PID/stat, after the parenthesised name).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
