using System.Diagnostics;
using System.Globalization;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Core.Plans;
using Portal.Core.PortalRules;
using Portal.Core.Reachability;

namespace Portal.Benchmarks.Reachability;

/// <summary>
/// "plandiff [runs]": the time a plan's reachability diff adds to planning, on the generated 10k-rule host with 100
/// containers x 5 exposed ports on one bridge (docker0, ICC off as Docker writes it, the portal's chain written): the model before is the cached
/// one (as the server has it), the model after is built each run (the plan's rules applied), then the pairs the change
/// touches are walked in both. Medians of <c>runs</c> runs after 2 warm-ups.
/// </summary>
public static class PlanDiffTiming
{
    private static readonly string[] Exposed = ["80/tcp", "443/tcp", "53/udp", "9000/tcp", "8080/tcp"];

    public static int Run(int runs)
    {
        // The portal's chain is in place already (ICC off for docker0 written once), as on a host the portal manages.
        var bare = Host();
        IntentSpec[] standing = [new IccIntent("bridge", false)];
        var snapshot = bare.WithPlannedRules(IccPlanner.Plan("bridge", new IccRequest(false), new HostState(bare), PortalChainChange.Between([], standing, bare)).Plan!.Rules);
        var state = new HostState(snapshot);
        var model = ReachabilityModel.From(snapshot);
        Console.WriteLine($"# {snapshot.Rules.Count} rules, {snapshot.Containers.Count(c => c.Endpoints[0].Network == "bridge")} containers on docker0 x {Exposed.Length} ports");
        Console.WriteLine("change\tpairs x ports compared\tchanged\tlisted\tplan ms (median)\tdiff ms (median)\tmin ms\tmax ms");

        var icc = IccPlanner.Plan("bridge", new IccRequest(true), state, PortalChainChange.Between(standing, [new IccIntent("bridge", true)], snapshot)).Plan!;
        Report("ICC on for docker0", runs, snapshot, model, icc, null, () => IccPlanner.Plan("bridge", new IccRequest(true), state, PortalChainChange.Between(standing, [new IccIntent("bridge", true)], snapshot)));

        LinkRequest linkRequest = new("b0", "b1", "b1");
        var link = LinkPlanner.Plan(linkRequest, state, PortalChainChange.Between(standing, [.. standing, new LinkIntent("b0", "b1", "b1")], snapshot)).Plan!;
        Report("link b0 -> b1", runs, snapshot, model, link, null, () => LinkPlanner.Plan(linkRequest, state, PortalChainChange.Between(standing, [.. standing, new LinkIntent("b0", "b1", "b1")], snapshot)));

        var publishRequest = new PortRequest("b2", 80, "tcp", 18080, null);
        var predicted = snapshot.WithPublishedPort("b2", new PortBinding(80, "tcp", null, 18080));
        var publish = PortPlanner.Publish(publishRequest, state).Plan!;
        Report("publish b2 80 on 18080", runs, snapshot, model, publish, predicted, () => PortPlanner.Publish(publishRequest, state));
        return 0;
    }

    private static void Report(string what, int runs, HostSnapshot snapshot, ReachabilityModel model, Contracts.Plans.Plan plan, HostSnapshot? predicted, Func<PlannedChange> planner)
    {
        var rules = plan.Rules.Where(r => !r.Text.Contains('<', StringComparison.Ordinal)).ToList();
        var after = ReachabilityModel.From((predicted ?? snapshot).WithPlannedRules(rules));
        var counts = ReachabilityDiff.Between(model, after, rules);
        var planTimes = new List<double>();
        var diffTimes = new List<double>();
        for (var run = 0; run < runs + 2; run++)
        {
            var watch = Stopwatch.StartNew();
            var planned = planner().Plan!;
            var planOnly = watch.Elapsed.TotalMilliseconds;
            _ = planned.WithReachability(snapshot, predicted, model);
            if (run >= 2)
            {
                planTimes.Add(watch.Elapsed.TotalMilliseconds);
                diffTimes.Add(watch.Elapsed.TotalMilliseconds - planOnly);
            }
        }

        planTimes.Sort();
        diffTimes.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}\t{counts.Compared}\t{counts.Pairs.Count + counts.Omitted}\t{counts.Pairs.Count}\t{Median(planTimes):F1}\t{Median(diffTimes):F1}\t{diffTimes[0]:F1}\t{diffTimes[^1]:F1}"));
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>The generated 10k-rule host plus docker0 (ICC off) with 100 containers b0..b99, each exposing 5 ports.</summary>
    private static HostSnapshot Host()
    {
        var generated = ReachabilityTiming.Host(10_000);
        var docker0 = new Bridge("docker0", "bridge", "n0", "172.17.0.0/16", "172.17.0.1", false, true, 1500, []);
        var containers = Enumerable.Range(0, 100)
            .Select(i => new Container("idb" + i, "b" + i, "busybox", "running", "h",
                [new Endpoint("bridge", string.Create(CultureInfo.InvariantCulture, $"172.17.{(i + 2) / 256}.{(i + 2) % 256}"), null, [])], [], Exposed, [], [], []))
            .ToList();
        var forward = generated.Rules.Count(r => r.Table == "filter" && r.Chain == "FORWARD");
        string[] docker0Forward =
        [
            "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "-A FORWARD -o docker0 -j DOCKER",
            "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT",
            "-A FORWARD -i docker0 -o docker0 -j DROP",
        ];
        var rules = generated.Rules.Concat(docker0Forward.Select((text, i) => new Rule("filter", "FORWARD", forward + i + 1, text, RuleOwner.Unknown))).ToList();
        return generated with { Bridges = [docker0, .. generated.Bridges], Containers = [.. containers, .. generated.Containers], Rules = rules };
    }
}
