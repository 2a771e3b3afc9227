using System.Collections.Concurrent;
using Portal.Contracts.Model;

namespace Portal.FleetSim.Hosts;

/// <summary>
/// One instance per distinct rule (records compare by value) across all simulated hosts: the synthetic hosts' rules
/// repeat from host to host, and a simulator holding a thousand copies of each would pause for its own garbage
/// collections long enough to show up in the latencies it measures. The server gets its own copies from the JSON anyway.
/// </summary>
public static class RulePool
{
    private static readonly ConcurrentDictionary<Rule, Rule> Rules = new();

    public static IReadOnlyList<Rule> Intern(IReadOnlyList<Rule> rules) => [.. rules.Select(r => Rules.GetOrAdd(r, r))];
}
