namespace Portal.Core.Iptables;

/// <summary>
/// A chain of one table. <see cref="Policy"/> is ACCEPT/DROP for built-in chains, "-" for user chains, and null
/// for a chain that rules use but no <c>:CHAIN</c> line declared.
/// </summary>
public sealed record RuleChain(string Name, string? Policy, PacketCounters? Counters, IReadOnlyList<ParsedRule> Rules)
{
    /// <summary>True when the input declared the chain with a <c>:CHAIN POLICY [p:b]</c> line.</summary>
    public bool Declared => Policy is not null;

    /// <summary>True for ACCEPT/DROP built-in chains (INPUT, FORWARD, ...), false for user chains ("-").</summary>
    public bool BuiltIn => Policy is not null && Policy != "-";
}
