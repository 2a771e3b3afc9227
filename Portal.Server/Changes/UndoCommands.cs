using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.PortalRules;

namespace Portal.Server.Changes;

/// <summary>
/// The command that takes back one command that succeeded, from the state observed before the plan ran: what a later
/// step's failure sends so that no plan stays half-applied. Null when a command needs no undo (or has none).
/// </summary>
public static class UndoCommands
{
    public static AgentCommand? For(AgentCommand done, HostSnapshot before, PortalRuleSet portalBefore)
    {
        var state = new HostState(before);
        return done switch
        {
            RecreateContainerCommand r => new RecreateContainerCommand(
                r.Container,
                RestoredLinks(state, r),
                r.AddLinks.Select(l => l.Alias).ToList(),
                r.RemovePorts,
                r.AddPorts),
            CreateNetworkCommand c => new RemoveNetworkCommand(c.Name),
            RemoveNetworkCommand n when state.Network(n.Name) is { } bridge =>
                new CreateNetworkCommand(bridge.Network, bridge.Subnet, bridge.Gateway, bridge.Icc, bridge.Masquerade, bridge.Mtu),
            ConnectCommand { Links: null or { Count: 0 } } c => new DisconnectCommand(c.Network, c.Container),
            DisconnectCommand d when state.Container(d.Container) is { } container && HostState.Endpoint(container, d.Network) is { } endpoint =>
                new ConnectCommand(d.Network, container.Name, endpoint.Aliases.FirstOrDefault(a => a != container.Name && !container.Id.StartsWith(a, StringComparison.Ordinal)), endpoint.StaticIpv4),
            ApplyPortalRulesCommand => new ApplyPortalRulesCommand(portalBefore),
            // A link added by reconnecting to a user-defined network is undone by reconnecting without it; the agent
            // cannot tell a reconnect from a plain connect, so this stays a known gap (see the report).
            _ => null,
        };
    }

    private static List<LinkSpec> RestoredLinks(HostState state, RecreateContainerCommand recreate)
    {
        var container = state.Container(recreate.Container);
        return container is null
            ? []
            : container.Links.Where(l => recreate.RemoveLinkAliases.Contains(l.Alias)).Select(l => new LinkSpec(l.Target, l.Alias)).ToList();
    }
}
