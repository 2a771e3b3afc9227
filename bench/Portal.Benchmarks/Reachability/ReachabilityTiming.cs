using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Benchmarks.Iptables;
using Portal.Contracts.Model;
using Portal.Contracts.Reachability;
using Portal.Core.Iptables;
using Portal.Core.Reachability;

namespace Portal.Benchmarks.Reachability;

/// <summary>
/// "reachability [runs]": issue 12's figures. The full matrix of 100 containers x 5 ports (every ordered pair, 49,500
/// walks) on a generated 10k-rule host, and one query on a 50k-rule host; medians of <c>runs</c> runs after 2 warm-ups.
/// The model is built from the snapshot's rules exactly as the server builds it (once per snapshot, then cached); the
/// matrix is timed with a fresh model (build included) and with the cached one.
/// </summary>
public static partial class ReachabilityTiming
{
    private static readonly string[] Exposed = ["80/tcp", "443/tcp", "53/udp", "9000/tcp", "8080/tcp"];

    public static int Run(int runs)
    {
        Console.WriteLine("what\trules\tcontainers\tmedian ms\tmin ms\tmax ms");
        var snapshot10k = Host(10_000);
        Report("model build from the snapshot", 10_000, snapshot10k.Containers.Count, runs, () => ReachabilityModel.From(snapshot10k));
        // The host's rules stay those of all its containers; the matrix is over 100 of them.
        var matrixSnapshot = snapshot10k with { Containers = snapshot10k.Containers.Take(100).ToList() };
        var matrixModel = ReachabilityModel.From(matrixSnapshot);
        var cells = 0;
        Report("matrix 100 x 99 x 5 (fresh model each run)", 10_000, 100, runs, () => cells = Matrix(ReachabilityModel.From(matrixSnapshot)));
        Report("matrix 100 x 99 x 5 (cached model)", 10_000, 100, runs, () => cells = Matrix(matrixModel));
        Console.WriteLine($"# matrix cells per run: {cells}");

        var snapshot50k = Host(50_000);
        var model50k = ReachabilityModel.From(snapshot50k);
        var from = snapshot50k.Containers[^1].Name;
        var to = snapshot50k.Containers[^2].Name;
        var query = new ReachabilityQuery(PacketSource.FromContainer(from), PacketTarget.FromContainer(to), 80, TransportProtocol.Tcp);
        var outside = new ReachabilityQuery(PacketSource.FromExternal(0x0A141E01), PacketTarget.FromAddress(0x0A141E64), 10_001, TransportProtocol.Tcp);
        Report("one query container -> container (cached model)", 50_000, snapshot50k.Containers.Count, runs * 10, () => model50k.Ask(query));
        Report("one query external -> published port (cached model)", 50_000, snapshot50k.Containers.Count, runs * 10, () => model50k.Ask(outside));
        Report("one query, cold (new model, its first walk)", 50_000, snapshot50k.Containers.Count, runs, () => ReachabilityModel.From(snapshot50k).Ask(query));
        Console.WriteLine($"# sample answer: {model50k.Ask(query).Verdict}, path of {model50k.Ask(query).Path.Count} steps; outside: {model50k.Ask(outside).Verdict}");
        return 0;
    }

    private static int Matrix(ReachabilityModel model)
    {
        var matrix = ReachabilityMatrix.Build(model);
        if (matrix.Cells.Any(c => c.Verdict == ReachabilityVerdict.Undetermined))
        {
            throw new InvalidOperationException("an undetermined cell on a generated Docker ruleset");
        }

        return matrix.Cells.Count;
    }

    private static void Report(string what, int rules, int containers, int runs, Action action)
    {
        var times = new List<double>();
        for (var run = 0; run < runs + 2; run++)
        {
            var watch = Stopwatch.StartNew();
            action();
            if (run >= 2)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}\t{rules}\t{containers}\t{median:F3}\t{times[0]:F3}\t{times[^1]:F3}"));
    }

    /// <summary>A snapshot of the generated ruleset: its rules, one bridge per subnet, one container per DNAT target.</summary>
    internal static HostSnapshot Host(int rules)
    {
        var ruleset = RulesetParser.Parse(RulesetGenerator.Generate(rules));
        var bridges = new List<Bridge>();
        foreach (var rule in ruleset.Table("nat")!.Chain("POSTROUTING")!.Rules)
        {
            var match = Masquerade().Match(rule.Text);
            if (match.Success)
            {
                var subnet = match.Groups[1].Value;
                var gateway = subnet[..subnet.LastIndexOf('.')] + ".1";
                bridges.Add(new Bridge(match.Groups[2].Value, "net-" + match.Groups[2].Value, "id", subnet, gateway, false, true, 1500, []));
            }
        }

        var containers = new List<Container>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in ruleset.Table("nat")!.Chain("DOCKER")!.Rules)
        {
            if (rule.TargetValue("--to-destination") is { } target && seen.Add(target[..target.IndexOf(':')]))
            {
                var address = target[..target.IndexOf(':')];
                var network = bridges.First(b => Ipv4Network.TryParse(b.Subnet, out var s) && Ipv4.TryParse(address, out var a) && s.Contains(a)).Network;
                containers.Add(new Container("id" + containers.Count, "c" + containers.Count, "busybox", "running", "h",
                    [new Endpoint(network, address, null, [])], [], Exposed, [], [], []));
            }
        }

        var list = ruleset.AllRules.Select(r => new Rule(r.Table, r.Chain, r.Index, r.Text, RuleOwner.Unknown)).ToList();
        return new HostSnapshot("bench", 1, DateTimeOffset.UnixEpoch, "20.10.24", "nf_tables", bridges, containers, list, Policies: ChainPolicies.Of(ruleset));
    }

    [GeneratedRegex(@"^-A POSTROUTING -s (\S+/24) ! -o (\S+) -j MASQUERADE$")]
    private static partial Regex Masquerade();
}
