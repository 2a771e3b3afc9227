using Portal.Contracts.Model;
using Portal.Core.Iptables;

namespace Portal.Core.Analysis;

/// <summary>
/// A capture read as the agent reads a host: the bridges and containers of the model, every rule with its owner
/// (<see cref="Rules"/> from iptables-save, <see cref="Rules6"/> from ip6tables-save), and the findings.
/// </summary>
public sealed record CaptureAnalysis(
    IReadOnlyList<Bridge> Bridges,
    IReadOnlyList<Container> Containers,
    Ruleset Ruleset,
    Ruleset Ruleset6,
    IReadOnlyList<Rule> Rules,
    IReadOnlyList<Rule> Rules6,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>The wire answer: IPv4 rules, then IPv6 rules marked as such, then the findings.</summary>
    public AnalysisReport ToReport() => new(
        [
            .. Rules.Select(r => new AnalyzedRule(r.Table, r.Chain, r.Text, r.Owner)),
            .. Rules6.Select(r => new AnalyzedRule(r.Table, r.Chain, r.Text, r.Owner, Ipv6: true)),
        ],
        Findings);
}
