using System.Text.Json;
using Portal.Benchmarks.Iptables;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.State;

namespace Portal.Benchmarks.State;

/// <summary>
/// "delta-size [rules]": the bytes on the wire (System.Text.Json with the portal's options) of one delta on a host with
/// that many rules, in the shape deltas had before (every rule of the host plus the rule changes, on every change) and
/// in today's (only the changed chains, each whole). Two changes: one container replaced (its port rules live in
/// Docker's big DOCKER and POSTROUTING chains) and one rule written by hand into DOCKER-USER.
/// </summary>
public static class DeltaSize
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    public static int Run(int rules)
    {
        var beforeText = RulesetGenerator.Generate(rules);
        var before = Snapshot(RulesetParser.Parse(beforeText), [Container("c0", "10.0.0.2")]);
        var replaced = Snapshot(RulesetParser.Parse(RulesetGenerator.Generate(rules, changedContainers: 1)), [Container("c0-new", "10.0.0.254")]);
        var userRule = "-A DOCKER-USER -s 10.20.30.0/24 -m comment --comment \"lab admins\" -j ACCEPT";
        var manual = Snapshot(
            RulesetParser.Parse(beforeText.Replace(userRule, userRule + "\n-A DOCKER-USER -s 10.9.9.9/32 -j DROP", StringComparison.Ordinal)),
            before.Containers);

        Console.WriteLine($"host: {before.Rules.Count} rules, {before.Rules.Select(r => (r.Table, r.Chain)).Distinct().Count()} chains");
        Console.WriteLine("change\tbefore (all rules) bytes\tafter (changed chains) bytes\tafter / before\tchains carried");
        foreach (var (name, after) in new[] { ("one container replaced", replaced), ("one DOCKER-USER rule added", manual) })
        {
            var delta = before.DeltaTo(after, 2)!;
            var old = new OldHostDelta(
                delta.Host, delta.Sequence, delta.At, delta.DockerVersion, delta.Bridges, delta.UpsertedContainers, delta.RemovedContainers,
                after.Rules, Changes(before, after));
            var oldBytes = JsonSerializer.SerializeToUtf8Bytes(old, PortalJson.Options).Length;
            var newBytes = JsonSerializer.SerializeToUtf8Bytes(delta, PortalJson.Options).Length;
            var carried = string.Join(", ", delta.Chains!.Select(c => $"{c.Table} {c.Chain} ({c.Rules.Count})"));
            Console.WriteLine($"{name}\t{oldBytes:N0}\t{newBytes:N0}\t{(double)newBytes / oldBytes:P1}\t{carried}");
        }

        return 0;
    }

    private static HostSnapshot Snapshot(Ruleset ruleset, IReadOnlyList<Container> containers) =>
        new("docker1", 1, At, "20.10.24", "nf_tables", [], containers, RuleOwnership.Resolve(ruleset, [], containers));

    // What the agent used to attach: every rule change of the transition, attributed.
    private static List<RuleChange> Changes(HostSnapshot before, HostSnapshot after)
    {
        var old = before.Rules.Select(r => (r.Table, r.Chain, r.Text)).ToHashSet();
        var now = after.Rules.Select(r => (r.Table, r.Chain, r.Text)).ToHashSet();
        return
        [
            .. after.Rules.Where(r => !old.Contains((r.Table, r.Chain, r.Text)))
                .Select(r => new RuleChange(At, r.Table, r.Chain, ChangeKind.Added, r.Text, r.Owner, new ChangeCause(CauseKind.Docker, Action: "start", Container: "c0-new"), r.Index)),
            .. before.Rules.Where(r => !now.Contains((r.Table, r.Chain, r.Text)))
                .Select(r => new RuleChange(At, r.Table, r.Chain, ChangeKind.Removed, r.Text, r.Owner, new ChangeCause(CauseKind.Docker, Action: "die", Container: "c0"), r.Index)),
        ];
    }

    private static Container Container(string name, string ipv4) => new(
        (name + new string('0', 64))[..64],
        name,
        "registry.example/app:1.4.2",
        "running",
        name,
        [new Endpoint("bridge", ipv4, "02:42:0a:00:00:02", [])],
        [new PortBinding(80, "tcp", "0.0.0.0", 10001)],
        ["80/tcp"],
        [],
        [new EnvVariable("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", EnvSource.Image), new EnvVariable("APP_MODE", "production", EnvSource.User)],
        [new HostsEntry("127.0.0.1", ["localhost"]), new HostsEntry(ipv4, [name])]);

    /// <summary>The delta's wire shape before this change: the host's whole rule list and the attributed rule changes.</summary>
    private sealed record OldHostDelta(
        string Host,
        long Sequence,
        DateTimeOffset At,
        string? DockerVersion,
        IReadOnlyList<Bridge>? Bridges,
        IReadOnlyList<Container>? UpsertedContainers,
        IReadOnlyList<string>? RemovedContainers,
        IReadOnlyList<Rule>? Rules,
        IReadOnlyList<RuleChange>? RuleChanges);
}
