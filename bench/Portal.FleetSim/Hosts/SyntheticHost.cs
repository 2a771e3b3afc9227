using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.RuleShapes;
using Portal.Core.State;

namespace Portal.FleetSim.Hosts;

/// <summary>
/// A Docker host that exists only in memory: <c>containers</c> containers on docker0 with published ports, and about
/// <c>rules</c> iptables rules in Docker's own shapes. Every <see cref="Change"/> starts a new container (two
/// published ports, six rules) or removes the oldest one it started, and answers what a real agent would send for it:
/// the numbered delta (cut by Portal.Core's <c>DeltaTo</c>, as the agent cuts it) and the rule history batch (the
/// ruleset diff, each rule with its owner and a Docker cause).
/// </summary>
public sealed class SyntheticHost
{
    public const string DockerVersion = "20.10.24";

    private static readonly IReadOnlyList<RuleShape> Shapes = RuleShapeCatalogue.ForDockerVersion(DockerVersion);

    private readonly List<SimContainer> _containers = [];
    private readonly Queue<SimContainer> _started = new();
    private readonly int _userRules;
    private int _nextContainer;
    private string _rules;

    public SyntheticHost(string name, int containers, int rules)
    {
        Name = name;
        var ports = Math.Max(0, (rules - DockerRuleText.BaseRules) / DockerRuleText.RulesPerPort);
        _userRules = Math.Max(0, rules - DockerRuleText.BaseRules - (ports * DockerRuleText.RulesPerPort));
        for (var i = 0; i < containers; i++)
        {
            var share = (ports / Math.Max(1, containers)) + (i < ports % Math.Max(1, containers) ? 1 : 0);
            _containers.Add(NewContainer("app", share));
        }

        // Only the text is kept between changes: a thousand parsed rulesets would make the simulator's own GC pauses part
        // of the latencies it measures.
        _rules = DockerRuleText.Render(_containers, _userRules);
        Snapshot = Observe(RulesetParser.Parse(_rules), 0, DateTimeOffset.UtcNow);
    }

    public string Name { get; }

    /// <summary>The journal of this host's rule history (an agent's outbox folder).</summary>
    public Guid Journal { get; } = Guid.NewGuid();

    /// <summary>The last batch of <see cref="Journal"/> made.</summary>
    public long Batch { get; private set; }

    /// <summary>The state as the server should know it after the last change (its Sequence is the last delta's).</summary>
    public HostSnapshot Snapshot { get; private set; }

    /// <summary>The full snapshot an agent sends on (re)connect or on request.</summary>
    public HostSnapshot FullSnapshot() => Snapshot with { TakenAt = DateTimeOffset.UtcNow, RulesJournal = Journal, RulesBatch = Batch };

    /// <summary>One change of the host: the delta numbered next, and its rule history batch.</summary>
    public HostChangeMessages Change()
    {
        var before = RulesetParser.Parse(_rules);
        var beforeContainers = Snapshot.Containers;
        var beforeBridges = Snapshot.Bridges;
        string action;
        SimContainer subject;
        if (_started.Count > 0 && Batch % 2 == 1)
        {
            subject = _started.Dequeue();
            _containers.Remove(subject);
            action = "die";
        }
        else
        {
            subject = NewContainer("job", 2);
            _containers.Add(subject);
            _started.Enqueue(subject);
            action = "start";
        }

        _rules = DockerRuleText.Render(_containers, _userRules);
        var ruleset = RulesetParser.Parse(_rules);
        var at = DateTimeOffset.UtcNow;
        var after = Observe(ruleset, Snapshot.Sequence + 1, at);
        var delta = Snapshot.DeltaTo(after, after.Sequence)
            ?? throw new InvalidOperationException("a change that changed nothing");
        Snapshot = after;

        var ownersBefore = new RuleOwnerResolver(beforeBridges, beforeContainers, Shapes);
        var ownersAfter = new RuleOwnerResolver(after.Bridges, after.Containers, Shapes);
        var cause = new ChangeCause(CauseKind.Docker, Action: action, Container: subject.Name);
        var changes = RulesetDiffer.Diff(before, ruleset).Select(d =>
        {
            var added = d.Change == ChangeKind.Added;
            var owner = Owner(added ? ruleset : before, d, added ? ownersAfter : ownersBefore);
            return new RuleChange(at, d.Table, d.Chain, d.Change, d.Text, owner, cause, d.Index);
        }).ToList();
        Batch++;
        return new HostChangeMessages(delta, new RuleChangeBatch(Name, Journal, Batch, at, changes));
    }

    private SimContainer NewContainer(string prefix, int ports)
    {
        var n = _nextContainer++;
        var id = $"{Name}-{n}".GetHashCode().ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + n.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var ip = $"172.17.{(n / 250) % 250}.{(n % 250) + 2}";
        var published = Enumerable.Range(0, ports).Select(p => (HostPort: 10000 + ((n * 8) + p) % 50000, ContainerPort: 8000 + p)).ToList();
        return new SimContainer(id + new string('0', 48), $"{prefix}-{n}", ip, published);
    }

    private HostSnapshot Observe(Ruleset ruleset, long sequence, DateTimeOffset at)
    {
        var containers = _containers.Select(Model).ToList();
        var bridges = new List<Bridge>
        {
            new(DockerRuleText.Bridge, "bridge", "0f3c1a9e5b7d", DockerRuleText.Subnet, "172.17.0.1", true, true, 1500,
                [.. _containers.Select((c, i) => new BridgeInterface($"veth{c.Id[..7]}", 10 + i, c.Name, "eth0"))]),
        };
        var rules = RulePool.Intern(RuleOwnership.Resolve(ruleset, bridges, containers, Shapes));
        return new HostSnapshot(Name, sequence, at, DockerVersion, "nf_tables", bridges, containers, rules,
            Policies: ChainPolicies.Of(ruleset));
    }

    private static Container Model(SimContainer c) => new(
        c.Id,
        c.Name,
        "registry.example/team/" + c.Name.Split('-')[0] + ":1.4.2",
        "running",
        c.Id[..12],
        [new Endpoint("bridge", c.Ipv4, "02:42:ac:11:00:02", [], "172.17.0.1")],
        [.. c.Ports.Select(p => new PortBinding(p.ContainerPort, "tcp", "0.0.0.0", p.HostPort))],
        [.. c.Ports.Select(p => $"{p.ContainerPort}/tcp")],
        [],
        [
            new EnvVariable("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", EnvSource.Image),
            new EnvVariable("APP_ENV", "production", EnvSource.User),
            new EnvVariable("APP_PORT", c.Ports.FirstOrDefault().ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), EnvSource.User),
        ],
        [new HostsEntry("127.0.0.1", ["localhost"]), new HostsEntry(c.Ipv4, [c.Id[..12]])]);

    private static RuleOwner Owner(Ruleset ruleset, RuleDiff diff, RuleOwnerResolver owners)
    {
        var rules = ruleset.Table(diff.Table)?.Chain(diff.Chain)?.Rules;
        var rule = rules is null ? null
            : diff.Index - 1 is var at && at >= 0 && at < rules.Count && rules[at].Text == diff.Text ? rules[at]
            : rules.FirstOrDefault(r => r.Text == diff.Text);
        return rule is null ? RuleOwner.Unknown : owners.Owner(rule);
    }
}
