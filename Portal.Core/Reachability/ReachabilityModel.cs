using System.Text;
using Portal.Contracts.Model;
using Portal.Contracts.Reachability;
using Portal.Core.Iptables;

namespace Portal.Core.Reachability;

/// <summary>
/// One host's rules and topology made ready to answer many reachability questions (build it once per snapshot; it is
/// safe to share between threads). Chain policies come from the snapshot; without them (an older agent) a packet that
/// falls off a built-in chain gets an undetermined verdict.
/// </summary>
public sealed class ReachabilityModel
{
    private static readonly Dictionary<string, string[]> BuiltInChains = new(StringComparer.Ordinal)
    {
        ["raw"] = ["PREROUTING", "OUTPUT"],
        ["mangle"] = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
        ["nat"] = ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
        ["filter"] = ["INPUT", "FORWARD", "OUTPUT"],
        ["security"] = ["INPUT", "FORWARD", "OUTPUT"],
    };

    private readonly Dictionary<string, Dictionary<string, CompiledChain>> tables = new(StringComparer.Ordinal);

    private ReachabilityModel(HostSnapshot snapshot, Ruleset ruleset, IReadOnlyDictionary<(string, string, int), RuleOwner> owners)
    {
        Topology = new HostTopology(snapshot);
        PoliciesKnown = snapshot.Policies is not null;
        var policies = (snapshot.Policies ?? []).ToDictionary(p => (p.Table, p.Chain), p => p.Policy);
        foreach (var table in ruleset.Tables)
        {
            var chains = new Dictionary<string, CompiledChain>(StringComparer.Ordinal);
            foreach (var chain in table.Chains)
            {
                var builtIn = BuiltInChains.TryGetValue(table.Name, out var names) && names.Contains(chain.Name);
                var rules = chain.Rules.Select(r => new CompiledRule(r, owners.GetValueOrDefault((table.Name, chain.Name, r.Index)))).ToArray();
                chains[chain.Name] = new CompiledChain(table.Name, chain.Name, builtIn, builtIn ? policies.GetValueOrDefault((table.Name, chain.Name)) : null, rules);
            }

            tables[table.Name] = chains;
        }

        // A table the snapshot names only through a policy exists with empty built-in chains.
        foreach (var ((table, chain), policy) in policies)
        {
            if (!tables.TryGetValue(table, out var chains))
            {
                tables[table] = chains = new Dictionary<string, CompiledChain>(StringComparer.Ordinal);
            }

            if (!chains.ContainsKey(chain))
            {
                chains[chain] = new CompiledChain(table, chain, true, policy, []);
            }
        }
    }

    public HostTopology Topology { get; }

    /// <summary>True when the snapshot carried the built-in chains' policies.</summary>
    public bool PoliciesKnown { get; }

    public static ReachabilityModel From(HostSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        var owners = new Dictionary<(string, string, int), RuleOwner>();
        // The walk is IPv4: ip6tables rules (same table and chain names) stay out of its chains.
        foreach (var table in snapshot.Rules.Where(r => !r.Ipv6).GroupBy(r => r.Table))
        {
            text.Append('*').Append(table.Key).Append('\n');
            var chains = table.GroupBy(r => r.Chain).ToList();
            foreach (var chain in chains)
            {
                text.Append(':').Append(chain.Key).Append(" - [0:0]\n");
            }

            foreach (var chain in chains)
            {
                var position = 0;
                foreach (var rule in chain.OrderBy(r => r.Index))
                {
                    owners[(table.Key, chain.Key, ++position)] = rule.Owner;
                    text.Append(rule.Text).Append('\n');
                }
            }

            text.Append("COMMIT\n");
        }

        return new ReachabilityModel(snapshot, RulesetParser.Parse(text.ToString()), owners);
    }

    /// <summary>A model of an iptables-save dump (policies included) and a snapshot's topology; owners are unknown.</summary>
    public static ReachabilityModel From(HostSnapshot snapshot, Ruleset ruleset)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ruleset);
        return new ReachabilityModel(snapshot with { Policies = ChainPolicies.Of(ruleset) }, ruleset, new Dictionary<(string, string, int), RuleOwner>());
    }

    public ReachabilityAnswer Ask(ReachabilityQuery query) => new PacketWalker(this).Walk(query);

    /// <summary>The host firewall's (filter INPUT's) verdict on an outside packet to a host port, as if no DNAT matched.</summary>
    public ReachabilityAnswer AskHostFirewall(uint source, uint hostAddress, int port, TransportProtocol protocol) =>
        new PacketWalker(this).WalkHostFirewall(source, hostAddress, port, protocol);

    internal bool HasTable(string table) => tables.ContainsKey(table);

    internal CompiledChain? Chain(string table, string chain) =>
        tables.TryGetValue(table, out var chains) && chains.TryGetValue(chain, out var found) ? found : null;

    /// <summary>A built-in chain of a table that exists but has no rules and no known policy.</summary>
    internal CompiledChain EmptyBuiltIn(string table, string chain) => new(table, chain, true, null, []);
}
