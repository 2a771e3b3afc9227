using Portal.Client.Services;
using Portal.Contracts.Intents;

namespace Portal.Client.Changes;

/// <summary>The change forms of the host and container pages, one per endpoint of the contract.</summary>
public static class ChangeForms
{
    public static readonly IReadOnlyList<string> Protocols = ["tcp", "udp", "sctp"];

    /// <summary>Link <paramref name="source"/> to <paramref name="target"/>; the alias defaults to the target's name.</summary>
    public static ChangeForm Link(IPortalApi api, string host, string source, string target) =>
        new($"Link {source} → {target}", "link-dialog",
            (f, dryRun, ct) => api.LinkAsync(host, new LinkRequest(f.Text("source"), f.Text("target"), f.Text("alias")), dryRun, ct))
        {
            Fields =
            [
                new ChangeField("source", "From (source)") { Text = source, ReadOnly = true },
                new ChangeField("target", "To (target)") { Text = target, ReadOnly = true },
                new ChangeField("alias", "Alias") { Text = target, Hint = "the name the source uses for the target (DNS label)" },
            ],
            PlanOnOpen = true,
        };

    public static ChangeForm Unlink(IPortalApi api, string host, string source, string alias) =>
        new($"Unlink {source} from {alias}", "unlink-dialog",
            (_, dryRun, ct) => api.UnlinkAsync(host, source, alias, dryRun, ct))
        { PlanOnOpen = true };

    public static ChangeForm PublishPort(IPortalApi api, string host, string container, string? exposed = null)
    {
        var (port, protocol) = SplitExposed(exposed);
        return new($"Publish a port of {container}", "port-dialog",
            (f, dryRun, ct) => api.PublishPortAsync(
                host,
                new PortRequest(container, f.Number("containerPort"), f.Text("protocol"), f.Number("hostPort"), f.Text("hostIp")),
                dryRun,
                ct))
        {
            Fields =
            [
                new ChangeField("containerPort", "Container port", ChangeFieldKind.Number) { Text = port },
                new ChangeField("protocol", "Protocol", ChangeFieldKind.Select) { Text = protocol, Options = Protocols },
                new ChangeField("hostPort", "Host port", ChangeFieldKind.Number),
                new ChangeField("hostIp", "Host address") { Hint = "empty: every address (0.0.0.0)" },
            ],
        };
    }

    public static ChangeForm UnpublishPort(IPortalApi api, string host, string container, int hostPort, string protocol) =>
        new($"Unpublish {hostPort}/{protocol} of {container}", "unpublish-dialog",
            (_, dryRun, ct) => api.UnpublishPortAsync(host, container, hostPort, protocol, dryRun, ct))
        { PlanOnOpen = true };

    public static ChangeForm CreateNetwork(IPortalApi api, string host) =>
        new("Create a bridge network", "network-dialog",
            (f, dryRun, ct) => api.CreateNetworkAsync(
                host,
                new NetworkRequest(f.Text("name"), f.Text("subnet"), f.Text("gateway"), f.Flag("icc"), f.Flag("masquerade"), f.Text("mtu") is null ? null : f.Number("mtu")),
                dryRun,
                ct))
        {
            Fields =
            [
                new ChangeField("name", "Name"),
                new ChangeField("subnet", "Subnet") { Hint = "e.g. 172.30.0.0/24; empty: Docker picks one" },
                new ChangeField("gateway", "Gateway") { Hint = "empty: the first address" },
                new ChangeField("icc", "Inter-container traffic (ICC)", ChangeFieldKind.Switch) { Flag = true },
                new ChangeField("masquerade", "Masquerade outbound", ChangeFieldKind.Switch) { Flag = true },
                new ChangeField("mtu", "MTU", ChangeFieldKind.Number) { Hint = "empty: Docker's default" },
            ],
        };

    public static ChangeForm RemoveNetwork(IPortalApi api, string host, string network) =>
        new($"Remove network {network}", "remove-network-dialog",
            (_, dryRun, ct) => api.RemoveNetworkAsync(host, network, dryRun, ct))
        { PlanOnOpen = true };

    /// <summary>Connect a container to a network; pass <paramref name="container"/> or <paramref name="network"/> fixed, the other is picked.</summary>
    public static ChangeForm Connect(IPortalApi api, string host, string? container, string? network, IReadOnlyList<string> choices)
    {
        var pickNetwork = network is null;
        return new(pickNetwork ? $"Connect {container} to a network" : $"Connect a container to {network}", "connect-dialog",
            (f, dryRun, ct) => api.ConnectAsync(
                host,
                f.Text("network") ?? string.Empty,
                new ConnectionRequest(f.Text("container"), f.Text("alias"), f.Text("ipv4")),
                dryRun,
                ct))
        {
            Fields =
            [
                pickNetwork
                    ? new ChangeField("network", "Network", ChangeFieldKind.Select) { Options = choices }
                    : new ChangeField("network", "Network") { Text = network, ReadOnly = true },
                pickNetwork
                    ? new ChangeField("container", "Container") { Text = container, ReadOnly = true }
                    : new ChangeField("container", "Container", ChangeFieldKind.Select) { Options = choices },
                new ChangeField("alias", "Alias") { Hint = "optional DNS name on that network" },
                new ChangeField("ipv4", "Fixed IPv4") { Hint = "optional; inside the network's subnet" },
            ],
        };
    }

    public static ChangeForm Disconnect(IPortalApi api, string host, string network, string container) =>
        new($"Disconnect {container} from {network}", "disconnect-dialog",
            (_, dryRun, ct) => api.DisconnectAsync(host, network, container, dryRun, ct))
        { PlanOnOpen = true };

    public static ChangeForm Icc(IPortalApi api, string host, string network, bool enabled) =>
        new($"Turn inter-container traffic {(enabled ? "on" : "off")} on {network}", "icc-dialog",
            (_, dryRun, ct) => api.SetIccAsync(host, network, new IccRequest(enabled), dryRun, ct))
        { PlanOnOpen = true };

    private static (string? Port, string Protocol) SplitExposed(string? exposed)
    {
        if (exposed is null)
        {
            return (null, "tcp");
        }

        var parts = exposed.Split('/', 2);
        return (parts[0], parts.Length > 1 ? parts[1] : "tcp");
    }
}
