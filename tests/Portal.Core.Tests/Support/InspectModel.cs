using System.Globalization;
using System.Text.Json;
using Portal.Contracts.Model;

namespace Portal.Core.Tests.Support;

/// <summary>
/// Builds the bridges and containers of the shared model straight from captured <c>docker network inspect</c> and
/// <c>docker inspect</c> JSON, so ownership is tested against what the engine said, not against hand-written models.
/// </summary>
internal static class InspectModel
{
    public static IReadOnlyList<Bridge> Bridges(string networksJson)
    {
        using var document = JsonDocument.Parse(networksJson);
        var bridges = new List<Bridge>();
        foreach (var network in document.RootElement.EnumerateArray())
        {
            if (network.GetProperty("Driver").GetString() != "bridge")
            {
                continue;
            }

            var id = network.GetProperty("Id").GetString()!;
            var options = network.GetProperty("Options");
            var name = options.TryGetProperty("com.docker.network.bridge.name", out var bridgeName) ? bridgeName.GetString()! : "br-" + id[..12];
            string? subnet = null;
            string? gateway = null;
            if (network.GetProperty("IPAM").GetProperty("Config") is { ValueKind: JsonValueKind.Array } configs && configs.GetArrayLength() > 0)
            {
                subnet = configs[0].TryGetProperty("Subnet", out var s) ? s.GetString() : null;
                gateway = configs[0].TryGetProperty("Gateway", out var g) ? g.GetString() : null;
            }

            var icc = !options.TryGetProperty("com.docker.network.bridge.enable_icc", out var iccOption) || iccOption.GetString() == "true";
            bridges.Add(new Bridge(name, network.GetProperty("Name").GetString()!, id, subnet, gateway, icc, true, 1500, []));
        }

        return bridges;
    }

    public static IReadOnlyList<Container> Containers(string containersJson)
    {
        using var document = JsonDocument.Parse(containersJson);
        var containers = new List<Container>();
        foreach (var container in document.RootElement.EnumerateArray())
        {
            var config = container.GetProperty("Config");
            var settings = container.GetProperty("NetworkSettings");
            var endpoints = new List<Endpoint>();
            foreach (var network in settings.GetProperty("Networks").EnumerateObject())
            {
                var ip = network.Value.GetProperty("IPAddress").GetString();
                endpoints.Add(new Endpoint(network.Name, string.IsNullOrEmpty(ip) ? null : ip, network.Value.GetProperty("MacAddress").GetString(), []));
            }

            var ports = new List<PortBinding>();
            if (settings.GetProperty("Ports") is { ValueKind: JsonValueKind.Object } published)
            {
                foreach (var port in published.EnumerateObject())
                {
                    var (number, protocol) = SplitPort(port.Name);
                    if (port.Value.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    foreach (var binding in port.Value.EnumerateArray())
                    {
                        ports.Add(new PortBinding(number, protocol, binding.GetProperty("HostIp").GetString(),
                            int.Parse(binding.GetProperty("HostPort").GetString()!, CultureInfo.InvariantCulture)));
                    }
                }
            }

            var exposed = config.TryGetProperty("ExposedPorts", out var exposedPorts) && exposedPorts.ValueKind == JsonValueKind.Object
                ? exposedPorts.EnumerateObject().Select(p => p.Name).ToList()
                : [];
            var links = new List<ContainerLink>();
            if (container.GetProperty("HostConfig").GetProperty("Links") is { ValueKind: JsonValueKind.Array } linkArray)
            {
                foreach (var link in linkArray.EnumerateArray())
                {
                    // "/web:/client/web": the child's name, then the parent's name and the alias.
                    var parts = link.GetString()!.Split(':');
                    links.Add(new ContainerLink(parts[0].TrimStart('/'), parts[1][(parts[1].LastIndexOf('/') + 1)..]));
                }
            }

            var env = config.GetProperty("Env") is not { ValueKind: JsonValueKind.Array } envArray ? [] : envArray.EnumerateArray()
                .Select(e => e.GetString()!.Split('=', 2))
                .Select(kv => new EnvVariable(kv[0], kv.Length > 1 ? kv[1] : string.Empty, EnvSource.User))
                .ToList();
            containers.Add(new Container(
                container.GetProperty("Id").GetString()!,
                container.GetProperty("Name").GetString()!.TrimStart('/'),
                config.GetProperty("Image").GetString()!,
                container.GetProperty("State").GetProperty("Status").GetString()!,
                config.GetProperty("Hostname").GetString()!,
                endpoints,
                ports,
                exposed,
                links,
                env,
                []));
        }

        return containers;
    }

    private static (int Number, string Protocol) SplitPort(string port)
    {
        var parts = port.Split('/');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts.Length > 1 ? parts[1] : "tcp");
    }
}
