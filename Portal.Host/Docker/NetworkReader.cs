using Docker.DotNet;
using Docker.DotNet.Models;
using Portal.Core.Engine;

namespace Portal.Host.Docker;

/// <summary>Reads the engine's bridge networks with the options that shape their bridge and rules.</summary>
public static class NetworkReader
{
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
        var options = (IReadOnlyDictionary<string, string>?)network.Options?.AsReadOnly() ?? new Dictionary<string, string>();
        var bridgeName = BridgeOptions.BridgeNameOf(network.Name, network.ID, options);
        var ipv4 = network.IPAM?.Config?.FirstOrDefault(c => c.Subnet is { } s && s.Contains('.'));
        var ipv6 = network.EnableIPv6 ? network.IPAM?.Config?.FirstOrDefault(c => c.Subnet is { } s && s.Contains(':')) : null;
        return new BridgeNetwork(
            network.Name,
            network.ID,
            bridgeName,
            NullIfEmpty(ipv4?.Subnet),
            NullIfEmpty(ipv4?.Gateway),
            BridgeOptions.IccOf(options),
            BridgeOptions.MasqueradeOf(options),
            BridgeOptions.MtuOf(options),
            NullIfEmpty(ipv6?.Subnet));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
