namespace Portal.Contracts.Model;

/// <summary>
/// Agent to server (sent, not invoked): the rule counters that moved on <see cref="Host"/> since the agent's last batch
/// on this connection. <see cref="Full"/> (the first batch of each connection) carries every counter and replaces what
/// the server held; <see cref="Removed"/> names rules gone since (their counts are the last ones read).
/// </summary>
public sealed record RuleCounterBatch(string Host, bool Full, IReadOnlyList<RuleCounter> Counters, IReadOnlyList<RuleCounter>? Removed = null)
{
    /// <summary>More counters than a 50,000-rule host has in both families is not a real batch.</summary>
    public const int MaxCounters = 120_000;

    /// <summary>iptables refuses rules longer than this anyway.</summary>
    public const int MaxTextLength = 8192;
}
