using Portal.Contracts.Model;
using Portal.Core.RuleShapes;
using P = Portal.Core.RuleShapes.Placeholder;

namespace Portal.Core.Ownership;

/// <summary>Turns the placeholders a shape bound into the names of an owner (<see cref="OwnerResolver"/>).</summary>
internal static class OwnerResolution
{
    public const string Stale = "stale";

    public static RuleOwner Resolve(RuleShape shape, IReadOnlyDictionary<string, string> bound, OwnershipContext context)
    {
        var bridge = bound.GetValueOrDefault(P.Bridge);
        return shape.Resolver switch
        {
            OwnerResolver.Bridge => BridgeOwner(shape.Kind, bridge, bound.GetValueOrDefault(P.Subnet), context),
            OwnerResolver.PublishedPortDnat => Dnat(bound, bridge, context),
            OwnerResolver.PublishedPortContainer => ContainerPort(bound, bridge, context),
            OwnerResolver.LinkRequest or OwnerResolver.LinkReply => Link(bound, bridge, context),
            _ => new RuleOwner(shape.Kind),
        };
    }

    private static RuleOwner BridgeOwner(RuleOwnerKind kind, string? bridge, string? subnet, OwnershipContext context)
    {
        var network = bridge is null ? null : context.Network(bridge);
        network ??= subnet is null ? null : context.NetworkBySubnet(subnet);

        // A bridge Docker no longer has: its leftover rules are still Docker's shape, but nobody's now.
        return kind == RuleOwnerKind.Docker || network is not null ? new RuleOwner(kind, Network: network) : new RuleOwner(kind, Role: Stale);
    }

    private static RuleOwner Dnat(IReadOnlyDictionary<string, string> bound, string? bridge, OwnershipContext context)
    {
        var protocol = bound[P.Proto];
        var port = $"{bound[P.HostPort]}/{protocol}";
        var holder = context.Holder(bound[P.ContainerIp], bridge);
        var network = bridge is null ? null : context.Network(bridge);
        return holder is null
            ? new RuleOwner(RuleOwnerKind.Port, Port: port, Network: network, Role: Stale)
            : new RuleOwner(RuleOwnerKind.Port, OwnershipContext.Name(holder), port, network ?? NetworkOf(holder, bound[P.ContainerIp]));
    }

    private static RuleOwner ContainerPort(IReadOnlyDictionary<string, string> bound, string? bridge, OwnershipContext context)
    {
        var protocol = bound[P.Proto];
        var containerPort = bound[P.Port];
        var holder = context.Holder(bound[P.ContainerIp], bridge);
        var network = bridge is null ? null : context.Network(bridge);
        if (holder is null)
        {
            return new RuleOwner(RuleOwnerKind.Port, Port: $"{containerPort}/{protocol}", Network: network, Role: Stale);
        }

        // The owner names the published (host) port, as the DNAT does; the rule itself speaks of the container port.
        var binding = holder.Ports.FirstOrDefault(p =>
            p.HostPort is not null && p.Protocol == protocol && p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == containerPort);
        var port = binding is null ? $"{containerPort}/{protocol}" : $"{binding.HostPort}/{protocol}";
        return new RuleOwner(RuleOwnerKind.Port, OwnershipContext.Name(holder), port, network ?? NetworkOf(holder, bound[P.ContainerIp]), Role: binding is null ? Stale : null);
    }

    private static RuleOwner Link(IReadOnlyDictionary<string, string> bound, string? bridge, OwnershipContext context)
    {
        var protocol = bound[P.Proto];
        var port = $"{bound[P.Port]}/{protocol}";
        var parent = context.Holder(bound[P.ParentIp], bridge);
        var child = context.Holder(bound[P.ChildIp], bridge);
        if (parent is not null && child is not null)
        {
            var childName = OwnershipContext.Name(child);
            var link = parent.Links.FirstOrDefault(l => l.Target.TrimStart('/') == childName);
            if (link is not null && child.Exposed.Contains(port))
            {
                return new RuleOwner(RuleOwnerKind.Link, Source: OwnershipContext.Name(parent), Target: childName, Alias: link.Alias, Port: port);
            }
        }

        // Docker never updates link rules when the child moves to a new address (notes §2): the rule now names
        // whoever holds the old address. Name the link it was written for when the parent has exactly one link
        // whose child exposes that port.
        if (parent is not null)
        {
            var candidates = parent.Links
                .Where(l => context.ByName(l.Target) is { } target && target.Exposed.Contains(port))
                .ToList();
            if (candidates.Count == 1)
            {
                var target = context.ByName(candidates[0].Target)!;
                return new RuleOwner(RuleOwnerKind.Link, Source: OwnershipContext.Name(parent), Target: OwnershipContext.Name(target), Alias: candidates[0].Alias, Port: port, Role: Stale);
            }
        }

        return new RuleOwner(
            RuleOwnerKind.Link,
            Source: parent is null ? null : OwnershipContext.Name(parent),
            Target: child is null ? null : OwnershipContext.Name(child),
            Port: port,
            Role: Stale);
    }

    private static string? NetworkOf(Container holder, string ip)
    {
        var address = ip.Split('/')[0];
        return holder.Endpoints.FirstOrDefault(e => e.Ipv4 is { } own && own.Split('/')[0] == address)?.Network;
    }
}
