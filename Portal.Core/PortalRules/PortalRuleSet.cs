using System.Text;
using Portal.Core.Validation;

namespace Portal.Core.PortalRules;

/// <summary>
/// The whole desired content of the portal's filter chain <see cref="Chain"/>, jumped to from DOCKER-USER (the chain
/// Docker never flushes). Link pairs come first, then each bridge's ICC verdict, then RETURN, so anything the portal
/// does not decide falls through to Docker's own rules.
/// </summary>
public sealed record PortalRuleSet(IReadOnlyList<PortalBridgePolicy> Bridges, IReadOnlyList<PortalLinkPair> Links)
{
    public const string Chain = "PORTAL-ICC";

    public const string JumpRule = "-A DOCKER-USER -j " + Chain;

    public static readonly PortalRuleSet Empty = new([], []);

    /// <summary>True when both sets print the same rules in the same order (records compare lists by reference).</summary>
    public bool SameRulesAs(PortalRuleSet other) => RuleTexts().SequenceEqual(other.RuleTexts(), StringComparer.Ordinal);

    /// <summary>The chain's rules exactly as iptables-save will print them, in order.</summary>
    public IReadOnlyList<string> RuleTexts()
    {
        var rules = new List<string>(Links.Count * 2 + Bridges.Count + 1);
        foreach (var pair in Links)
        {
            var match = $"-p {pair.Protocol} -m {pair.Protocol}";
            rules.Add($"-A {Chain} -s {pair.SourceIpv4}/32 -d {pair.TargetIpv4}/32 -i {pair.Bridge} -o {pair.Bridge} {match} --dport {pair.Port} -j ACCEPT");
            rules.Add($"-A {Chain} -s {pair.TargetIpv4}/32 -d {pair.SourceIpv4}/32 -i {pair.Bridge} -o {pair.Bridge} {match} --sport {pair.Port} -j ACCEPT");
        }

        foreach (var bridge in Bridges)
        {
            rules.Add($"-A {Chain} -i {bridge.Bridge} -o {bridge.Bridge} -j {(bridge.Icc ? "ACCEPT" : "DROP")}");
        }

        rules.Add($"-A {Chain} -j RETURN");
        return rules;
    }

    /// <summary>
    /// Input for one <c>iptables-restore -w --noflush</c>: declaring the chain flushes it, so the new content replaces
    /// the old atomically; the jump from DOCKER-USER is inserted in the same transaction when missing.
    /// </summary>
    public string ToRestoreInput(bool insertJump)
    {
        var text = new StringBuilder();
        text.Append("*filter\n");
        text.Append(':').Append(Chain).Append(" - [0:0]\n");
        foreach (var rule in RuleTexts())
        {
            text.Append(rule).Append('\n');
        }

        if (insertJump)
        {
            text.Append("-I DOCKER-USER 1 -j ").Append(Chain).Append('\n');
        }

        text.Append("COMMIT\n");
        return text.ToString();
    }

    /// <summary>Checks every field; the agent runs this on what it receives before it writes anything.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        foreach (var bridge in Bridges)
        {
            if (!IsInterfaceName(bridge.Bridge))
            {
                errors.Add("bridges", $"'{bridge.Bridge}' is not an interface name");
            }
        }

        foreach (var pair in Links)
        {
            if (!IsInterfaceName(pair.Bridge))
            {
                errors.Add("links", $"'{pair.Bridge}' is not an interface name");
            }

            if (!Ipv4Cidr.TryParseAddress(pair.SourceIpv4, out _) || !Ipv4Cidr.TryParseAddress(pair.TargetIpv4, out _))
            {
                errors.Add("links", $"'{pair.SourceIpv4}' -> '{pair.TargetIpv4}' is not a pair of IPv4 addresses");
            }

            if (!Ports.IsPort(pair.Port) || !Ports.IsProtocol(pair.Protocol))
            {
                errors.Add("links", $"'{pair.Port}/{pair.Protocol}' is not a port");
            }
        }

        return errors;
    }

    /// <summary>Linux interface names: 1-15 bytes, no '/', whitespace or ':'; we also refuse anything iptables would read as an option.</summary>
    public static bool IsInterfaceName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= 15
        && name[0] != '-'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
