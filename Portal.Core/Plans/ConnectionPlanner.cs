using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Validation;

namespace Portal.Core.Plans;

/// <summary>Plans connecting a container to a network (alias, fixed address) and disconnecting it.</summary>
public static class ConnectionPlanner
{
    public static PlannedChange Connect(string? networkName, ConnectionRequest request, HostState state)
    {
        var errors = new ValidationErrors();
        if (!Names.IsNetworkName(networkName))
        {
            errors.Add("network", "a network name is required");
        }

        if (!Names.IsContainerName(request.Container))
        {
            errors.Add("container", "a container name is required");
        }

        var alias = string.IsNullOrEmpty(request.Alias) ? null : request.Alias;
        if (alias is not null && !Names.IsDnsLabel(alias))
        {
            errors.Add("alias", "an alias must be a DNS label");
        }

        var ipv4 = string.IsNullOrEmpty(request.Ipv4) ? null : request.Ipv4;
        uint address = 0;
        if (ipv4 is not null && !Ipv4Cidr.TryParseAddress(ipv4, out address))
        {
            errors.Add("ipv4", "an IPv4 address");
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var bridge = state.Network(networkName!);
        if (bridge is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"network '{networkName}' not found on host '{state.Host}'"));
        }

        var container = state.Container(request.Container!);
        if (container is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"container '{request.Container}' not found on host '{state.Host}'"));
        }

        if (bridge.Network == HostState.DefaultNetwork && (alias is not null || ipv4 is not null))
        {
            // Docker refuses these too; saying so here keeps the request from reaching the host at all.
            var field = alias is not null ? "alias" : "ipv4";
            errors.Add(field, "aliases and fixed addresses are supported only on user-defined networks");
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        if (ipv4 is not null)
        {
            if (!Ipv4Cidr.TryParse(bridge.Subnet, out var subnet))
            {
                errors.Add("ipv4", $"network '{bridge.Network}' has no configured subnet, so it cannot give fixed addresses");
                return PlannedChange.Refused(PlanProblem.Invalid(errors));
            }

            if (!subnet.ContainsHost(address) || ipv4 == bridge.Gateway)
            {
                errors.Add("ipv4", $"the address must be a free host address inside {bridge.Subnet} other than the gateway");
                return PlannedChange.Refused(PlanProblem.Invalid(errors));
            }

            var holder = state.Snapshot.Containers.FirstOrDefault(c => HostState.Endpoint(c, bridge.Network)?.Ipv4 == ipv4);
            if (holder is not null)
            {
                return PlannedChange.Refused(PlanProblem.Conflict($"{ipv4} is already held by '{holder.Name}' on '{bridge.Network}'"));
            }
        }

        if (HostState.Endpoint(container, bridge.Network) is not null)
        {
            return PlannedChange.Refused(PlanProblem.Conflict($"'{container.Name}' is already connected to '{bridge.Network}'"));
        }

        var warning = container.Ports.Count > 0
            ? $"; note: Docker may move {container.Name}'s published ports to the new network's bridge"
            : string.Empty;
        var plan = new Plan(
            $"connect {container.Name} to {bridge.Network}" + (alias is null ? string.Empty : $" as {alias}") + (ipv4 is null ? string.Empty : $" at {ipv4}"),
            [new PlanStep(1, $"connect {container.Name} to {bridge.Network}")],
            ipv4 is null ? [] : [new PlannedHostsLine(container.Name, ChangeKind.Added, ipv4, [container.Hostname])],
            [],
            [],
            [],
            "none: the container gets a new interface while it runs" + warning);
        return PlannedChange.Of(plan, new ConnectCommand(bridge.Network, container.Name, alias, ipv4));
    }

    public static PlannedChange Disconnect(string? networkName, string? containerName, HostState state)
    {
        var errors = new ValidationErrors();
        if (!Names.IsNetworkName(networkName))
        {
            errors.Add("network", "a network name is required");
        }

        if (!Names.IsContainerName(containerName))
        {
            errors.Add("container", "a container name is required");
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var bridge = state.Network(networkName!);
        if (bridge is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"network '{networkName}' not found on host '{state.Host}'"));
        }

        var container = state.Container(containerName!);
        if (container is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"container '{containerName}' not found on host '{state.Host}'"));
        }

        var endpoint = HostState.Endpoint(container, bridge.Network);
        if (endpoint is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"'{container.Name}' is not connected to '{bridge.Network}'"));
        }

        var plan = new Plan(
            $"disconnect {container.Name} from {bridge.Network}",
            [new PlanStep(1, $"disconnect {container.Name} from {bridge.Network}")],
            endpoint.Ipv4 is null ? [] : [new PlannedHostsLine(container.Name, ChangeKind.Removed, endpoint.Ipv4, [container.Hostname])],
            [],
            [],
            [],
            $"{container.Name} loses its address {endpoint.Ipv4} on {bridge.Network}; open connections there break");
        return PlannedChange.Of(plan, new DisconnectCommand(bridge.Network, container.Name));
    }
}
