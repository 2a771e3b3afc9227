using Portal.Contracts.Model;

namespace Portal.Core.Iptables;

/// <summary>The policies of a ruleset's built-in chains, table by table in printed order.</summary>
public static class ChainPolicies
{
    public static IReadOnlyList<ChainPolicy> Of(Ruleset ruleset) =>
        ruleset.Tables
            .SelectMany(t => t.Chains.Where(c => c.BuiltIn).Select(c => new ChainPolicy(t.Name, c.Name, c.Policy!)))
            .ToList();
}
