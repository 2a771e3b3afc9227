using Portal.Contracts.Model;

namespace Portal.Core.Analysis;

/// <summary>
/// One rule of a capture with its owner, the owner exactly as <c>GET /api/hosts/{host}/state</c> gives it.
/// <see cref="Family"/> is written only for the rules of ip6tables-save ("ipv6").
/// </summary>
public sealed record AnalyzedRule(string Table, string Chain, string Text, RuleOwner Owner, string? Family = null)
{
    public const string Ipv6 = "ipv6";
}
