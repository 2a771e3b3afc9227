using Portal.Contracts.Model;

namespace Portal.Core.Plans;

/// <summary>
/// A host's containers as a change leaves them, where the change moves ports or endpoints: what the reachability of a
/// plan is walked in afterwards. Names are matched as <see cref="HostState.Container"/> matches them; a name that
/// matches nothing leaves the snapshot as it is (the planner refuses such a request anyway).
/// </summary>
public static class PredictedHost
{
    extension(HostSnapshot snapshot)
    {
        /// <summary>The container with one more published port (a publish recreates it with the binding).</summary>
        public HostSnapshot WithPublishedPort(string? container, PortBinding binding) =>
            snapshot.Changing(container, c => c with { Ports = [.. c.Ports, binding] });

        /// <summary>The container without the bindings of <paramref name="hostPort"/>/<paramref name="protocol"/>.</summary>
        public HostSnapshot WithoutPublishedPort(string? container, int hostPort, string? protocol) =>
            snapshot.Changing(container, c => c with { Ports = [.. c.Ports.Where(p => p.HostPort != hostPort || p.Protocol != protocol)] });

        /// <summary>The container joined to a network at a known address (one Docker would pick is not predictable).</summary>
        public HostSnapshot WithConnection(string? network, string? container, string? ipv4)
        {
            var bridge = new HostState(snapshot).Network(network ?? string.Empty);
            return bridge is null || string.IsNullOrEmpty(ipv4)
                ? snapshot
                : snapshot.Changing(container, c => c.Endpoints.Any(e => e.Network == bridge.Network)
                    ? c
                    : c with { Endpoints = [.. c.Endpoints, new Endpoint(bridge.Network, ipv4, null, [])] });
        }

        /// <summary>The container without its endpoint on a network.</summary>
        public HostSnapshot WithoutConnection(string? network, string? container)
        {
            var bridge = new HostState(snapshot).Network(network ?? string.Empty);
            return bridge is null ? snapshot : snapshot.Changing(container, c => c with { Endpoints = [.. c.Endpoints.Where(e => e.Network != bridge.Network)] });
        }

        private HostSnapshot Changing(string? container, Func<Container, Container> change)
        {
            var found = new HostState(snapshot).Container(container ?? string.Empty);
            return found is null
                ? snapshot
                : snapshot with { Containers = [.. snapshot.Containers.Select(c => c.Id == found.Id ? change(c) : c)] };
        }
    }
}
