using System.Globalization;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.RuleShapes;
using P = Portal.Core.RuleShapes.Placeholder;

namespace Portal.Core.Plans;

/// <summary>
/// The rules Docker writes for a published port, a legacy link under ICC off and a new bridge network, as iptables-save will print them:
/// the catalogue's shapes of the version plans predict (<see cref="RuleShapeCatalogue.Planned"/>), filled with a
/// container's addresses and ports. Ownership recognises the very same shapes.
/// </summary>
public static class PlannedDockerRules
{
    public static IReadOnlyList<PlannedRule> PublishedPort(string bridge, string containerIpv4, PortBinding port, ChangeKind change)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [P.Bridge] = bridge,
            [P.ContainerIp] = containerIpv4,
            [P.Proto] = port.Protocol,
            [P.Port] = Number(port.ContainerPort),
            [P.HostPort] = port.HostPort is { } hostPort ? Number(hostPort) : string.Empty,
        };
        var onEveryAddress = string.IsNullOrEmpty(port.HostIp) || port.HostIp == "0.0.0.0";
        if (!onEveryAddress)
        {
            values[P.HostIp] = port.HostIp!;
        }

        var shapes = onEveryAddress ? RuleShapeCatalogue.Planned.PublishedPort : RuleShapeCatalogue.Planned.PublishedPortOnHostIp;
        return Render(shapes, values, change);
    }

    public static IReadOnlyList<PlannedRule> LinkPair(string bridge, string parentIpv4, string childIpv4, int port, string protocol, ChangeKind change) =>
        Render(
            RuleShapeCatalogue.Planned.LinkPair,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [P.Bridge] = bridge,
                [P.ParentIp] = parentIpv4,
                [P.ChildIp] = childIpv4,
                [P.Proto] = protocol,
                [P.Port] = Number(port),
            },
            change);

    /// <summary>A new bridge network's rules; before Docker creates it, <paramref name="bridge"/> and <paramref name="subnet"/> may be stand-ins such as <c>br-&lt;id&gt;</c>.</summary>
    public static IReadOnlyList<PlannedRule> BridgeNetwork(string bridge, string subnet, bool icc, bool masquerade, ChangeKind change)
    {
        var set = RuleShapeCatalogue.Planned;
        IEnumerable<RuleShape> shapes = icc ? set.BridgeNetworkIccOn : set.BridgeNetworkIccOff;
        if (masquerade)
        {
            shapes = shapes.Concat(set.BridgeNetworkMasquerade);
        }

        return Render([.. shapes], new Dictionary<string, string>(StringComparer.Ordinal) { [P.Bridge] = bridge, [P.Subnet] = subnet }, change);
    }

    private static List<PlannedRule> Render(IReadOnlyList<RuleShape> shapes, Dictionary<string, string> values, ChangeKind change) =>
        shapes.Select(s => new PlannedRule(s.Table, s.Chain, change, s.Render(values))).ToList();

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
