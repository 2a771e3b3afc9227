using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Validation;

namespace Portal.Core.Plans;

/// <summary>Plans publishing and unpublishing a port: the container is recreated with its port bindings changed.</summary>
public static class PortPlanner
{
    public static PlannedChange Publish(PortRequest request, HostState state)
    {
        var errors = new ValidationErrors();
        if (!Names.IsContainerName(request.Container))
        {
            errors.Add("container", "a container name is required");
        }

        if (!Ports.IsPort(request.ContainerPort))
        {
            errors.Add("containerPort", "a port is a number from 1 to 65535");
        }

        if (!Ports.IsPort(request.HostPort))
        {
            errors.Add("hostPort", "a port is a number from 1 to 65535");
        }

        var protocol = string.IsNullOrEmpty(request.Protocol) ? "tcp" : request.Protocol;
        if (!Ports.IsProtocol(protocol))
        {
            errors.Add("protocol", "the protocol is tcp, udp or sctp");
        }

        var hostIp = string.IsNullOrEmpty(request.HostIp) ? null : request.HostIp;
        if (hostIp is not null && !Ipv4Cidr.TryParseAddress(hostIp, out _))
        {
            errors.Add("hostIp", "an IPv4 address such as 0.0.0.0 or 127.0.0.1");
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var container = state.Container(request.Container!);
        if (container is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"container '{request.Container}' not found on host '{state.Host}'"));
        }

        var clash = state.Snapshot.Containers
            .SelectMany(c => c.Ports.Select(p => (Container: c, Port: p)))
            .FirstOrDefault(x => x.Port.HostPort == request.HostPort && x.Port.Protocol == protocol && Overlaps(x.Port.HostIp, hostIp));
        if (clash.Container is not null)
        {
            return PlannedChange.Refused(PlanProblem.Conflict(
                $"host port {request.HostPort}/{protocol} is already published by '{clash.Container.Name}'"));
        }

        var binding = new PortBinding(request.ContainerPort, protocol, hostIp, request.HostPort);
        var bridge = state.PortBridge(container);
        var ip = bridge is null ? null : HostState.Endpoint(container, bridge.Network)?.Ipv4;
        var rules = bridge is not null && ip is not null && state.IsRunning(container)
            ? PlannedDockerRules.PublishedPort(bridge.Name, ip, binding, ChangeKind.Added)
            : [];
        var plan = new Plan(
            $"publish {container.Name}:{request.ContainerPort}/{protocol} on {(hostIp ?? "0.0.0.0")}:{request.HostPort}",
            [
                new PlanStep(1, $"stop {container.Name} and rename it aside"),
                new PlanStep(2, $"create {container.Name} again with the same configuration and the new port binding"),
                new PlanStep(3, state.IsRunning(container) ? $"start {container.Name}, then remove the old one" : $"remove the old {container.Name}"),
            ],
            [],
            [],
            rules,
            [container.Name],
            state.IsRunning(container) ? $"{container.Name} is recreated: its process restarts" : $"none: {container.Name} is not running");
        var spec = new PortSpec(request.ContainerPort, protocol, request.HostPort, hostIp);
        return PlannedChange.Of(plan, new RecreateContainerCommand(container.Name, [], [], [spec], []));
    }

    public static PlannedChange Unpublish(string? containerName, int hostPort, string? protocol, HostState state)
    {
        var errors = new ValidationErrors();
        if (!Names.IsContainerName(containerName))
        {
            errors.Add("container", "a container name is required");
        }

        if (!Ports.IsPort(hostPort))
        {
            errors.Add("hostPort", "a port is a number from 1 to 65535");
        }

        if (!Ports.IsProtocol(protocol))
        {
            errors.Add("protocol", "the protocol is tcp, udp or sctp");
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var container = state.Container(containerName!);
        if (container is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"container '{containerName}' not found on host '{state.Host}'"));
        }

        var bindings = container.Ports.Where(p => p.HostPort == hostPort && p.Protocol == protocol).ToList();
        if (bindings.Count == 0)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"'{container.Name}' does not publish host port {hostPort}/{protocol}"));
        }

        var bridge = state.PortBridge(container);
        var ip = bridge is null ? null : HostState.Endpoint(container, bridge.Network)?.Ipv4;
        var rules = bridge is not null && ip is not null && state.IsRunning(container)
            ? bindings.DistinctBy(b => (b.HostIp, b.ContainerPort)).SelectMany(b => PlannedDockerRules.PublishedPort(bridge.Name, ip, b, ChangeKind.Removed)).ToList()
            : [];
        var plan = new Plan(
            $"unpublish host port {hostPort}/{protocol} of {container.Name}",
            [
                new PlanStep(1, $"stop {container.Name} and rename it aside"),
                new PlanStep(2, $"create {container.Name} again without the binding of {hostPort}/{protocol}"),
                new PlanStep(3, state.IsRunning(container) ? $"start {container.Name}, then remove the old one" : $"remove the old {container.Name}"),
            ],
            [],
            [],
            rules,
            [container.Name],
            state.IsRunning(container) ? $"{container.Name} is recreated: its process restarts" : $"none: {container.Name} is not running");
        var specs = bindings.Select(b => new PortSpec(b.ContainerPort, b.Protocol, hostPort, b.HostIp)).ToList();
        return PlannedChange.Of(plan, new RecreateContainerCommand(container.Name, [], [], [], specs));
    }

    private static bool Overlaps(string? a, string? b) =>
        IsAny(a) || IsAny(b) || a == b;

    private static bool IsAny(string? ip) => string.IsNullOrEmpty(ip) || ip == "0.0.0.0" || ip == "::";
}
