using System.Text.RegularExpressions;
using Portal.Contracts.Model;
using Portal.Core.Nftables;

namespace Portal.Core.Ownership;

/// <summary>
/// Owners of the rules in Docker 29's nftables table (<c>ip</c>/<c>ip6 docker-bridges</c>), from the layout moby documents
/// (integration/network/bridge/nftablesdoc): per-bridge chains <c>filter-forward-in__BRIDGE</c>,
/// <c>filter-forward-out__BRIDGE</c>, <c>nat-postrouting-in__BRIDGE</c>, <c>nat-postrouting-out__BRIDGE</c> whose rules carry
/// comments (ICC, MASQUERADE, OUTGOING, UNPUBLISHED PORT DROP), a published port's ACCEPT there, its DNAT in
/// <c>nat-prerouting-and-output</c> and its "DROP DIRECT ACCESS" in <c>raw-PREROUTING</c>; everything else in the table
/// (base chains, verdict-map dispatch) is Docker's plumbing. Rules of any other table are nobody's the portal knows.
/// </summary>
internal static partial class NftOwnership
{
    public static bool IsDockerTable(string plainTable) => plainTable == NftRuleset.DockerTable;

    public static RuleOwner Owner(string chain, string text, OwnershipContext context)
    {
        var comment = Comment().Match(text) is { Success: true } c ? c.Groups[1].Value : null;
        if (PerBridge().Match(chain) is { Success: true } perBridge)
        {
            var network = context.Network(perBridge.Groups[2].Value);
            var kind = comment switch
            {
                "ICC" => RuleOwnerKind.Icc,
                "MASQUERADE" => RuleOwnerKind.Masquerade,
                _ => RuleOwnerKind.Forward,
            };
            if (comment is null && PortAccept().Match(text) is { Success: true } accept)
            {
                return Port(context, accept.Groups[1].Value, accept.Groups[2].Value, accept.Groups[3].Value, hostPort: null, perBridge.Groups[2].Value);
            }

            return new RuleOwner(kind, Network: network);
        }

        if (chain == "nat-prerouting-and-output" && Dnat().Match(text) is { Success: true } dnat)
        {
            return Port(context, dnat.Groups[3].Value, dnat.Groups[1].Value, dnat.Groups[4].Value, dnat.Groups[2].Value, null);
        }

        if (chain == "raw-PREROUTING" && DirectAccess().Match(text) is { Success: true } direct)
        {
            var holder = context.Holder(Key(direct.Groups[1].Value), direct.Groups[2].Value);
            return new RuleOwner(RuleOwnerKind.Docker, Container: holder is null ? null : OwnershipContext.Name(holder), Network: context.Network(direct.Groups[2].Value));
        }

        return new RuleOwner(RuleOwnerKind.Docker);
    }

    private static RuleOwner Port(OwnershipContext context, string address, string protocol, string containerPort, string? hostPort, string? bridge)
    {
        var holder = context.Holder(Key(address.Trim('[', ']')), bridge);
        if (holder is null)
        {
            return new RuleOwner(RuleOwnerKind.Port, Port: $"{hostPort ?? containerPort}/{protocol}", Role: OwnerResolution.Stale);
        }

        var published = hostPort ?? holder.Ports
            .FirstOrDefault(p => p.HostPort is not null && p.Protocol == protocol && p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == containerPort)?
            .HostPort?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = Key(address.Trim('[', ']'));
        var network = bridge is null
            ? holder.Endpoints.FirstOrDefault(e => e.Ipv4 == key || (e.Ipv6 is { } ip6 && Ipv6Tokens.Encode(ip6) == key))?.Network
            : context.Network(bridge);
        return new RuleOwner(RuleOwnerKind.Port, OwnershipContext.Name(holder), $"{published ?? containerPort}/{protocol}", network);
    }

    // The context indexes IPv6 addresses encoded (Ipv6Tokens).
    private static string Key(string address) => address.Contains(':', StringComparison.Ordinal) ? Ipv6Tokens.Encode(address) : address;

    [GeneratedRegex(@"comment ""([^""]*)""$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(filter-forward-in|filter-forward-out|nat-postrouting-in|nat-postrouting-out)__(.+)$")]
    private static partial Regex PerBridge();

    [GeneratedRegex(@"^ip6? daddr (\S+) (tcp|udp|sctp) dport (\d+) counter accept$")]
    private static partial Regex PortAccept();

    [GeneratedRegex(@"(tcp|udp|sctp) dport (\d+) counter dnat to (\[[^\]]+\]|[^\s:]+):(\d+)")]
    private static partial Regex Dnat();

    [GeneratedRegex(@"^ip6? daddr (\S+) iifname != ""([^""]+)"" counter drop")]
    private static partial Regex DirectAccess();
}
