using Portal.Contracts.Model;

namespace Portal.Core.Plans;

/// <summary>Lookups over a host's observed state, in the terms the planners need.</summary>
public sealed class HostState(HostSnapshot snapshot)
{
    /// <summary>The name of Docker's default bridge network.</summary>
    public const string DefaultNetwork = "bridge";

    public HostSnapshot Snapshot { get; } = snapshot;

    public string Host => Snapshot.Host;

    public Container? Container(string name) =>
        Snapshot.Containers.FirstOrDefault(c => c.Name == name || c.Id == name || (name.Length >= 12 && c.Id.StartsWith(name, StringComparison.Ordinal)));

    public Bridge? Network(string name) =>
        Snapshot.Bridges.FirstOrDefault(b => b.Network == name || b.NetworkId == name || b.Name == name);

    public static Endpoint? Endpoint(Container container, string network) =>
        container.Endpoints.FirstOrDefault(e => e.Network == network);

    /// <summary>
    /// The network whose bridge carries a container's published ports: Docker picks the default bridge when the
    /// container is on it, otherwise the first network by name (notes: the "gateway" endpoint).
    /// </summary>
    public Bridge? PortBridge(Container container)
    {
        var network = container.Endpoints.Any(e => e.Network == DefaultNetwork)
            ? DefaultNetwork
            : container.Endpoints.Select(e => e.Network).Order(StringComparer.Ordinal).FirstOrDefault();
        return network is null ? null : Network(network);
    }

    public bool IsRunning(Container container) => container.State == "running";
}
