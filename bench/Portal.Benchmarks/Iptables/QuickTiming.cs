using System.Diagnostics;
using Portal.Core.Iptables;
using Portal.Core.Ownership;

namespace Portal.Benchmarks.Iptables;

/// <summary>"quick": medians of parse, diff and ownership on the generated rulesets, without BenchmarkDotNet's minutes.</summary>
public static class QuickTiming
{
    public static int Run(int[] sizes, int runs)
    {
        Console.WriteLine("rules\tparse ms\tdiff ms\tparse+diff ms\townership ms\tgen0/1/2 per parse");
        foreach (var size in sizes)
        {
            var previous = RulesetParser.Parse(RulesetGenerator.Generate(size));
            var after = RulesetGenerator.Generate(size, changedContainers: 2);
            var parse = new List<double>();
            var diff = new List<double>();
            var own = new List<double>();
            var gc = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            for (var run = 0; run < runs + 3; run++)
            {
                var watch = Stopwatch.StartNew();
                var parsed = RulesetParser.Parse(after);
                var parsedAt = watch.Elapsed.TotalMilliseconds;
                RulesetDiffer.Diff(previous, parsed);
                var diffedAt = watch.Elapsed.TotalMilliseconds;
                RuleOwnership.Resolve(parsed, [], []);
                var ownedAt = watch.Elapsed.TotalMilliseconds;
                if (run >= 3)
                {
                    parse.Add(parsedAt);
                    diff.Add(diffedAt - parsedAt);
                    own.Add(ownedAt - diffedAt);
                }
            }

            var total = parse.Zip(diff, (p, d) => p + d).ToList();
            Console.WriteLine($"{size}\t{Median(parse):F2}\t{Median(diff):F2}\t{Median(total):F2}\t{Median(own):F2}\t" +
                $"{(GC.CollectionCount(0) - gc.Item1) / (double)(runs + 3):F1}/{(GC.CollectionCount(1) - gc.Item2) / (double)(runs + 3):F1}/{(GC.CollectionCount(2) - gc.Item3) / (double)(runs + 3):F1}");
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
