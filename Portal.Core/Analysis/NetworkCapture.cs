using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Core.Engine;

namespace Portal.Core.Analysis;

/// <summary>
/// The bridges of captured <c>docker network inspect $(docker network ls -q)</c> output, as the agent builds them from
/// the engine's network list (<see cref="BridgeOptions"/>): networks of other drivers (host, null, overlay) are left
/// out. The kernel side (each bridge's veth ports) is not in the capture: bridges come without interfaces.
/// </summary>
public static class NetworkCapture
{
    private const int DefaultMtu = 1500;

    public static IReadOnlyList<Bridge> Read(CaptureText file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var json = new JsonCapture(file.Name);
        var bridges = new List<Bridge>();
        var items = JsonCapture.Items(file);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = $"[{i}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw json.Error(path, "expected a network object");
            }

            if (item.TryGetProperty("State", out _) && item.TryGetProperty("Config", out _))
            {
                throw json.Error(path, "this is a container (docker inspect), not a network: give the output of docker network inspect $(docker network ls -q)");
            }

            var name = json.RequiredString(item, path, "Name");
            var id = json.RequiredString(item, path, "Id");
            if (json.String(item, path, "Driver") != "bridge")
            {
                continue;
            }

            var options = json.StringMap(item, path, "Options");
            string? subnet = null;
            string? gateway = null;
            string? subnetIpv6 = null;
            if (json.Object(item, path, "IPAM") is { } ipam)
            {
                var configs = json.Array(ipam, path + ".IPAM", "Config");
                for (var c = 0; c < configs.Count; c++)
                {
                    var configPath = $"{path}.IPAM.Config[{c}]";
                    if (json.String(configs[c], configPath, "Subnet") is not { } s)
                    {
                        continue;
                    }

                    if (s.Contains('.', StringComparison.Ordinal) && subnet is null)
                    {
                        subnet = s;
                        gateway = NullIfEmpty(json.String(configs[c], configPath, "Gateway"));
                    }
                    else if (s.Contains(':', StringComparison.Ordinal) && subnetIpv6 is null)
                    {
                        subnetIpv6 = s;
                    }
                }
            }

            bridges.Add(new Bridge(
                BridgeOptions.BridgeNameOf(name, id, options),
                name,
                id,
                subnet,
                gateway,
                BridgeOptions.IccOf(options),
                BridgeOptions.MasqueradeOf(options),
                BridgeOptions.MtuOf(options) ?? DefaultMtu,
                [],
                subnetIpv6));
        }

        return [.. bridges.OrderBy(b => b.Network, StringComparer.Ordinal)];
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
