namespace Portal.Core.Iptables;

/// <summary>Parses the output of iptables-save (all tables) into a <see cref="Ruleset"/>.</summary>
public static class RulesetParser
{
    // Placeholder signature agreed between Core and Host; the Core owner replaces the body.
    public static Ruleset Parse(string iptablesSave) => throw new NotImplementedException();
}
