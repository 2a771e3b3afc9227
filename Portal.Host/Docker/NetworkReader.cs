using Docker.DotNet;
using Docker.DotNet.Models;

namespace Portal.Host.Docker;

/// <summary>Reads the engine's bridge networks with the options that shape their bridge and rules.</summary>
public static class NetworkReader
{
    private const string BridgeNameOption = "com.docker.network.bridge.name";
    private const string IccOption = "com.docker.network.bridge.enable_icc";
    private const string MasqueradeOption = "com.docker.network.bridge.enable_ip_masquerade";
    private const string DefaultBridgeOption = "com.docker.network.bridge.default_bridge";
    private const string MtuOption = "com.docker.network.driver.mtu";

    public static async Task<IReadOnlyList<BridgeNetwork>> ReadAsync(IDockerClient client, CancellationToken cancellationToken)
    {
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken);
        return networks
            .Where(n => n.Driver == "bridge")
            .Select(Map)
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static BridgeNetwork Map(NetworkResponse network)
    {
        var options = network.Options ?? new Dictionary<string, string>();
        var isDefault = Option(options, DefaultBridgeOption) == "true" || network.Name == "bridge";
        var bridgeName = Option(options, BridgeNameOption)
            ?? (isDefault ? "docker0" : "br-" + network.ID[..Math.Min(12, network.ID.Length)]);
        var ipv4 = network.IPAM?.Config?.FirstOrDefault(c => c.Subnet is { } s && s.Contains('.'));
        var ipv6 = network.EnableIPv6 ? network.IPAM?.Config?.FirstOrDefault(c => c.Subnet is { } s && s.Contains(':')) : null;
        var mtu = int.TryParse(Option(options, MtuOption), out var m) ? m : (int?)null;
        return new BridgeNetwork(
            network.Name,
            network.ID,
            bridgeName,
            NullIfEmpty(ipv4?.Subnet),
            NullIfEmpty(ipv4?.Gateway),
            Option(options, IccOption) != "false",
            Option(options, MasqueradeOption) != "false",
            mtu,
            NullIfEmpty(ipv6?.Subnet));
    }

    private static string? Option(IDictionary<string, string> options, string key) =>
        options.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
