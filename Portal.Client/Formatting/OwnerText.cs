using Portal.Contracts.Model;
using Portal.Core.RuleShapes;

namespace Portal.Client.Formatting;

/// <summary>
/// Says in names whose a rule is: "port 8080/tcp -> web:80", "link client -> web:80/tcp", "masquerade for bridge".
/// The container side of a published port comes from the container's own port bindings when the page knows them,
/// else from the rule's DNAT target (a published port's DNAT shape of the catalogue).
/// </summary>
public static class OwnerText
{
    public static string Describe(Rule rule, IReadOnlyList<Container>? containers = null) =>
        Describe(rule.Owner, rule.Text, containers);

    public static string Describe(RuleOwner owner, string? ruleText = null, IReadOnlyList<Container>? containers = null) =>
        owner.Kind switch
        {
            RuleOwnerKind.Port => DescribePort(owner, ruleText, containers),
            RuleOwnerKind.Link => $"link {owner.Source ?? "?"} -> {owner.Target ?? "?"}{Suffix(":", owner.Port)}",
            RuleOwnerKind.Masquerade => $"masquerade for {owner.Network ?? "?"}",
            RuleOwnerKind.Icc => $"icc for {owner.Network ?? "?"}",
            RuleOwnerKind.Forward => owner.Network is null ? "forward" : $"forward for {owner.Network}",
            RuleOwnerKind.Isolation => "isolation",
            RuleOwnerKind.Docker => "docker",
            RuleOwnerKind.DockerUser => "DOCKER-USER",
            RuleOwnerKind.Portal => "portal",
            _ => "unknown",
        };

    private static string DescribePort(RuleOwner owner, string? ruleText, IReadOnlyList<Container>? containers)
    {
        var hostSide = owner.Port ?? "?";
        var container = owner.Container ?? "?";
        var containerPort = ContainerPortFromBindings(owner, containers)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ContainerPortFromRule(ruleText);
        return containerPort is null
            ? $"port {hostSide} -> {container}"
            : $"port {hostSide} -> {container}:{containerPort}";
    }

    private static int? ContainerPortFromBindings(RuleOwner owner, IReadOnlyList<Container>? containers)
    {
        if (containers is null || owner.Container is null || owner.Port is null)
        {
            return null;
        }

        var (port, protocol) = SplitPort(owner.Port);
        var binding = containers
            .FirstOrDefault(c => c.Name == owner.Container)?
            .Ports.FirstOrDefault(p => p.HostPort == port && string.Equals(p.Protocol, protocol, StringComparison.OrdinalIgnoreCase));
        return binding?.ContainerPort;
    }

    private static string? ContainerPortFromRule(string? ruleText) =>
        ruleText is not null && RuleShapeCatalogue.Match("nat", ruleText) is { Shape.Resolver: OwnerResolver.PublishedPortDnat } dnat
            ? dnat.Bindings[Placeholder.Port]
            : null;

    private static (int? Port, string Protocol) SplitPort(string port)
    {
        var parts = port.Split('/', 2);
        return (int.TryParse(parts[0], out var number) ? number : null, parts.Length > 1 ? parts[1] : "tcp");
    }

    private static string Suffix(string separator, string? value) => value is null ? "" : separator + value;
}
