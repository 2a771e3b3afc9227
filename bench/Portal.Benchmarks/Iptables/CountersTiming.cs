using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Iptables;

namespace Portal.Benchmarks.Iptables;

/// <summary>
/// "counters": what the agent spends on one counters read besides iptables-save itself: parsing <c>iptables-save -c</c>
/// of the generated rulesets (every rule with a <c>[packets:bytes]</c> prefix), finding what moved since the last read
/// (1 % of the rules), and the size of the batch that goes to the server (the full first one, then the 1 %).
/// </summary>
public static class CountersTiming
{
    public static int Run(int[] sizes, int runs)
    {
        Console.WriteLine("rules\tparse ms\ttrack ms\tparse+track ms\tfull batch KiB\t1% batch KiB\talloc MiB per read");
        foreach (var size in sizes)
        {
            var plain = RulesetGenerator.Generate(size);
            var before = WithCounters(plain, step: 0);
            var after = WithCounters(plain, step: 1);
            var tracker = new RuleCounterTracker();
            var full = tracker.Update(RuleCounterParser.Parse(before, ipv6: false), full: true);
            var parse = new List<double>();
            var track = new List<double>();
            var allocated = new List<double>();
            RuleCountChanges? moved = null;
            for (var run = 0; run < runs + 3; run++)
            {
                // Alternate the two reads, so every tracked read finds the 1 % moved.
                var text = run % 2 == 0 ? after : before;
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                var counts = RuleCounterParser.Parse(text, ipv6: false);
                var parsedAt = watch.Elapsed.TotalMilliseconds;
                moved = tracker.Update(counts);
                var trackedAt = watch.Elapsed.TotalMilliseconds;
                if (run >= 3)
                {
                    parse.Add(parsedAt);
                    track.Add(trackedAt - parsedAt);
                    allocated.Add((GC.GetAllocatedBytesForCurrentThread() - bytes) / 1048576.0);
                }
            }

            var total = parse.Zip(track, (p, t) => p + t).ToList();
            Console.WriteLine($"{size}\t{Median(parse):F2}\t{Median(track):F2}\t{Median(total):F2}\t{BatchKiB(full):F0}\t{BatchKiB(moved!):F1}\t{Median(allocated):F1}");
        }

        return 0;
    }

    /// <summary>The plain dump with a counter before every rule; <paramref name="step"/> 1 moves every hundredth rule's.</summary>
    private static string WithCounters(string plain, int step)
    {
        var text = new StringBuilder(plain.Length + (plain.Length / 5));
        var rule = 0;
        foreach (var line in plain.Split('\n'))
        {
            if (line.StartsWith("-A ", StringComparison.Ordinal))
            {
                rule++;
                var packets = (rule * 7) + (rule % 100 == 0 ? step : 0);
                text.Append('[').Append(packets).Append(':').Append(packets * 64).Append("] ");
            }

            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static double BatchKiB(RuleCountChanges changes)
    {
        var batch = new RuleCounterBatch(
            "docker1",
            false,
            [.. changes.Changed.Select(c => new RuleCounter(c.Key.Table, c.Key.Chain, c.Key.Index, c.Key.Text, c.Key.Ipv6, (long)c.Counters.Packets, (long)c.Counters.Bytes))]);
        return JsonSerializer.SerializeToUtf8Bytes(batch, WireJsonContext.Default.RuleCounterBatch).Length / 1024.0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
