using Portal.Contracts.Model;
using Portal.Core.RuleShapes;
using P = Portal.Core.RuleShapes.Placeholder;

namespace Portal.Core.Analysis;

/// <summary>
/// Docker's rules left behind (ownership marks them <c>role: "stale"</c>): a legacy link's ACCEPT pair naming an
/// address its child no longer holds (the child moved and another container may hold the address, or the child was
/// removed), a published port whose container is gone, the rules of a bridge Docker no longer has.
/// </summary>
internal static class StaleRules
{
    private const string Stale = "stale";

    public static IEnumerable<Finding> Find(IReadOnlyList<OwnedRule> rules, IReadOnlyList<Container> containers, string family)
    {
        foreach (var rule in rules)
        {
            // A shape that bound values it never writes (an IPv6 DNAT read by an IPv4 shape: "[fd00") proves nothing gone.
            if (rule.Owner.Role != Stale || rule.Shape is { HasValidValues: false })
            {
                continue;
            }

            yield return rule.Owner.Kind == RuleOwnerKind.Link
                ? new Finding(FindingKind.StaleLinkRule, FindingSeverity.Warning, family + LinkMessage(rule, containers), rule.Parsed.Text, rule.Owner.Source)
                : new Finding(FindingKind.StaleRule, FindingSeverity.Warning, family + OtherMessage(rule), rule.Parsed.Text, rule.Owner.Container);
        }
    }

    private static string LinkMessage(OwnedRule rule, IReadOnlyList<Container> containers)
    {
        var owner = rule.Owner;
        var source = owner.Source ?? "?";
        var childIp = rule.Shape?.Bindings.GetValueOrDefault(P.ChildIp);
        var holder = childIp is null ? null : containers.FirstOrDefault(c => c.Endpoints.Any(e => e.Ipv4 == childIp));
        var link = owner.Target is null ? $"a link of {source}" : $"the link {source} -> {owner.Target} ({owner.Alias})";
        var missing = owner.Target is null && owner.Source is not null
            ? containers.FirstOrDefault(c => c.Name == owner.Source)?.Links
                .Where(l => !containers.Any(c => c.Name == l.Target))
                .Select(l => $"{l.Target} ({l.Alias})")
                .ToList()
            : null;
        var what = $"{rule.Where}: Docker wrote this ACCEPT for {link}, port {owner.Port}, to {childIp ?? "an address"}";
        if (holder is not null)
        {
            return $"{what}; {holder.Name} holds that address now and gets the link's access";
        }

        var gone = missing is { Count: > 0 } ? $" ({source} still links to {string.Join(", ", missing)}, which is not in the capture: removed)" : string.Empty;
        return $"{what}, which no container has{gone}; whoever gets that address next gets the link's access";
    }

    private static string OtherMessage(OwnedRule rule)
    {
        var owner = rule.Owner;
        return owner.Kind switch
        {
            RuleOwnerKind.Port when owner.Container is null =>
                $"{rule.Where}: Docker's rule for published port {owner.Port} names {Address(rule)}, which no container has",
            RuleOwnerKind.Port =>
                $"{rule.Where}: Docker's rule for a port of {owner.Container} that it no longer publishes ({owner.Port})",
            _ => $"{rule.Where}: Docker's {Portal.Contracts.Wire.WireName.Of(owner.Kind)} rule for a bridge no network has ({rule.Shape?.Bindings.GetValueOrDefault(P.Bridge) ?? rule.Shape?.Bindings.GetValueOrDefault(P.Subnet) ?? "?"})",
        };
    }

    private static string Address(OwnedRule rule) =>
        rule.Shape?.Bindings.GetValueOrDefault(P.ContainerIp) ?? "an address";
}
