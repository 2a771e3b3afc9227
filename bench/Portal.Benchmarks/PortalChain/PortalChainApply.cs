using System.Diagnostics;
using Portal.Benchmarks.Iptables;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;

namespace Portal.Benchmarks.PortalChain;

/// <summary>
/// Issue 4's benchmark: ICC off plus N link pairs written the portal's way (the whole PORTAL-ICC chain in one
/// <c>iptables-restore --noflush</c>) beside Docker 20.10's way (one <c>iptables -C</c> check and one <c>iptables -A</c>
/// process per rule), for the same rules, in a network namespace created and deleted here (portal-bench).
/// </summary>
public static class PortalChainApply
{
    private const string Namespace = "portal-bench";
    private static readonly string NamespacePath = $"/var/run/netns/{Namespace}";

    public static async Task<int> RunAsync(int pairs, int runs, CancellationToken cancellationToken)
    {
        var rules = Build(pairs);
        var texts = rules.RuleTexts();
        Console.WriteLine($"rule set: ICC off for docker0 + {pairs} link pairs = {texts.Count} rules in {PortalRuleSet.Chain}");
        await IptablesSaveFloor.RunAsync("ip", ["netns", "add", Namespace], null, cancellationToken);
        try
        {
            await Iptables(["-N", "DOCKER-USER"], cancellationToken);
            await Iptables(["-A", "DOCKER-USER", "-j", "RETURN"], cancellationToken);

            // The portal: first apply inserts the jump; later ones replace the chain's content atomically.
            var portal = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var input = rules.ToRestoreInput(insertJump: run == 0);
                var clock = Stopwatch.StartNew();
                await IptablesSaveFloor.RunAsync("nsenter", [$"--net={NamespacePath}", "iptables-restore", "-w", "--noflush"], input, cancellationToken);
                portal.Add(clock.Elapsed.TotalMilliseconds);
            }

            var saved = await IptablesSaveFloor.RunAsync("nsenter", [$"--net={NamespacePath}", "iptables-save", "-t", "filter"], null, cancellationToken);
            var written = saved.Split('\n').Count(l => l.StartsWith($"-A {PortalRuleSet.Chain} ", StringComparison.Ordinal));
            if (written != texts.Count)
            {
                throw new InvalidOperationException($"expected {texts.Count} rules in {PortalRuleSet.Chain}, iptables-save shows {written}");
            }

            // Docker 20.10's way for the same rules into an empty chain: check, then append, one process each.
            await Iptables(["-N", "PERRULE"], cancellationToken);
            var perRule = Stopwatch.StartNew();
            foreach (var text in texts)
            {
                var body = text.Split(' ')[2..];
                await TryIptables(["-C", "PERRULE", .. body], cancellationToken);
                await Iptables(["-A", "PERRULE", .. body], cancellationToken);
            }

            var perRuleMs = perRule.Elapsed.TotalMilliseconds;
            var median = IptablesSaveFloor.Median(portal);
            Console.WriteLine($"portal: one iptables-restore --noflush, median of {runs}: {median:F1} ms (min {portal.Min():F1}, max {portal.Max():F1})");
            Console.WriteLine($"per rule (-C then -A, {texts.Count * 2} processes): {perRuleMs:F0} ms");
            Console.WriteLine($"ratio: {perRuleMs / median:F0}x faster");
        }
        finally
        {
            await IptablesSaveFloor.RunAsync("ip", ["netns", "del", Namespace], null, CancellationToken.None);
        }

        return 0;
    }

    /// <summary>ICC off on docker0 and <paramref name="pairs"/> links between distinct containers on port 80/tcp.</summary>
    public static PortalRuleSet Build(int pairs) => new(
        [new PortalBridgePolicy("docker0", Icc: false)],
        Enumerable.Range(0, pairs)
            .Select(i => new PortalLinkPair("docker0", Address(2 + (2 * i)), Address(3 + (2 * i)), 80, "tcp"))
            .ToList());

    private static string Address(int n) => $"172.17.{n / 250}.{(n % 250) + 2}";

    private static Task<string> Iptables(string[] arguments, CancellationToken cancellationToken) =>
        IptablesSaveFloor.RunAsync("nsenter", [$"--net={NamespacePath}", "iptables", "-w", .. arguments], null, cancellationToken);

    private static async Task TryIptables(string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            await Iptables(arguments, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // -C fails when the rule is not there yet, as it is for every rule here: that is Docker's check.
        }
    }
}
