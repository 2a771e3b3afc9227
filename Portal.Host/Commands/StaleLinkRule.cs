using Portal.Core.RuleShapes;

namespace Portal.Host.Commands;

/// <summary>
/// The only rules the agent deletes on request: one half of Docker's legacy link pair in filter DOCKER
/// (<see cref="RuleShapeCatalogue"/>'s link shapes, e.g. <c>-A DOCKER -s A/32 -d B/32 -i BR -o BR -p P -m P --dport N -j ACCEPT</c>),
/// written exactly as iptables-save prints it, with well-formed addresses, bridge, protocol and port.
/// </summary>
public static class StaleLinkRule
{
    private const string Prefix = "-A DOCKER ";

    public static bool IsLinkPairRule(string? rule) =>
        rule is not null
        && rule.StartsWith(Prefix, StringComparison.Ordinal)
        && RuleShapeCatalogue.Match("filter", rule) is { IsLink: true, HasValidValues: true, Shape.Chain: "DOCKER" } match
        && match.RendersAs(rule);

    /// <summary>The rule without its <c>-A DOCKER</c>, as <c>-D DOCKER</c> wants it.</summary>
    public static string Body(string rule) => rule[Prefix.Length..];
}
