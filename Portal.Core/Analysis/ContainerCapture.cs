using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Core.Engine;
using Portal.Core.Links;

namespace Portal.Core.Analysis;

/// <summary>
/// The containers of captured <c>docker inspect $(docker ps -aq)</c> output, mapped field by field as the agent maps
/// the engine's inspect answer (<see cref="InspectText"/>): endpoints per network, the actual port bindings of a
/// running container (the requested ones otherwise), exposed ports, links. What the capture cannot hold is left empty:
/// the real /etc/hosts; the environment is Config.Env, its link variables named by <see cref="LinkEnvironment"/>, the
/// rest counted as the user's (the image's own variables are not in the capture).
/// </summary>
public static class ContainerCapture
{
    public static IReadOnlyList<Container> Read(CaptureText file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var json = new JsonCapture(file.Name);
        var items = JsonCapture.Items(file);
        var read = new List<Inspected>();
        for (var i = 0; i < items.Count; i++)
        {
            read.Add(ReadOne(json, items[i], $"[{i}]"));
        }

        var byName = read.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. read.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.ToContainer(byName))];
    }

    private static Inspected ReadOne(JsonCapture json, JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw json.Error(path, "expected a container object");
        }

        if (item.TryGetProperty("IPAM", out _) && !item.TryGetProperty("State", out _))
        {
            throw json.Error(path, "this is a network (docker network inspect), not a container: give the output of docker inspect $(docker ps -aq)");
        }

        var id = json.RequiredString(item, path, "Id");
        var name = json.RequiredString(item, path, "Name").TrimStart('/');
        var config = json.Object(item, path, "Config");
        var state = json.Object(item, path, "State");
        var hostConfig = json.Object(item, path, "HostConfig");
        var settings = json.Object(item, path, "NetworkSettings");
        var running = state is { } s && json.Bool(s, path + ".State", "Running");

        var image = (config is { } c ? json.String(c, path + ".Config", "Image") : null) ?? json.String(item, path, "Image") ?? string.Empty;
        var status = (state is { } st ? json.String(st, path + ".State", "Status") : null) ?? "unknown";
        var hostname = (config is { } h ? json.String(h, path + ".Config", "Hostname") : null) ?? string.Empty;
        var env = config is { } e ? json.Strings(e, path + ".Config", "Env") : [];
        var exposed = config is { } x && json.Object(x, path + ".Config", "ExposedPorts") is { } ports
            ? InspectText.SortPorts(ports.EnumerateObject().Select(p => p.Name))
            : [];
        var links = hostConfig is { } hc
            ? json.Strings(hc, path + ".HostConfig", "Links").Select(InspectText.ParseLink).OfType<ContainerLink>().ToList()
            : [];
        var endpoints = settings is { } ns ? Endpoints(json, ns, path + ".NetworkSettings") : [];
        var bindings = running
            ? settings is { } rs ? Bindings(json, rs, path + ".NetworkSettings", "Ports") : []
            : hostConfig is { } hb ? Bindings(json, hb, path + ".HostConfig", "PortBindings") : [];
        return new Inspected(id, name, image, status, hostname, endpoints, bindings, exposed, links, env);
    }

    private static List<Endpoint> Endpoints(JsonCapture json, JsonElement settings, string path)
    {
        var result = new List<Endpoint>();
        if (json.Object(settings, path, "Networks") is not { } networks)
        {
            return result;
        }

        foreach (var network in networks.EnumerateObject().OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            var at = $"{path}.Networks.{network.Name}";
            if (network.Value.ValueKind != JsonValueKind.Object)
            {
                throw json.Error(at, "expected an object");
            }

            var endpoint = network.Value;
            var ipam = json.Object(endpoint, at, "IPAMConfig");
            result.Add(new Endpoint(
                network.Name,
                NullIfEmpty(json.String(endpoint, at, "IPAddress")),
                NullIfEmpty(json.String(endpoint, at, "MacAddress")),
                json.Strings(endpoint, at, "Aliases"),
                NullIfEmpty(json.String(endpoint, at, "Gateway")),
                ipam is { } i ? NullIfEmpty(json.String(i, at + ".IPAMConfig", "IPv4Address")) : null,
                NullIfEmpty(json.String(endpoint, at, "EndpointID")),
                NullIfEmpty(json.String(endpoint, at, "GlobalIPv6Address")),
                NullIfEmpty(json.String(endpoint, at, "IPv6Gateway"))));
        }

        return result;
    }

    private static IReadOnlyList<PortBinding> Bindings(JsonCapture json, JsonElement parent, string path, string name)
    {
        if (json.Object(parent, path, name) is not { } map)
        {
            return [];
        }

        var result = new List<PortBinding>();
        foreach (var entry in map.EnumerateObject())
        {
            // An exposed but unpublished port appears with null: not a binding.
            if (entry.Value.ValueKind == JsonValueKind.Null || !InspectText.TryParsePort(entry.Name, out var port, out var protocol))
            {
                continue;
            }

            var at = $"{path}.{name}";
            foreach (var binding in json.Array(map, at, entry.Name))
            {
                var hostPort = json.String(binding, $"{at}.{entry.Name}", "HostPort");
                result.Add(new PortBinding(
                    port,
                    protocol,
                    NullIfEmpty(json.String(binding, $"{at}.{entry.Name}", "HostIp")),
                    int.TryParse(hostPort, out var hp) ? hp : null));
            }
        }

        return InspectText.SortBindings(result);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record Inspected(
        string Id,
        string Name,
        string Image,
        string Status,
        string Hostname,
        IReadOnlyList<Endpoint> Endpoints,
        IReadOnlyList<PortBinding> Ports,
        IReadOnlyList<string> Exposed,
        IReadOnlyList<ContainerLink> Links,
        IReadOnlyList<string> Env)
    {
        public Container ToContainer(IReadOnlyDictionary<string, Inspected> byName)
        {
            var linkNames = LinkVariableNames(byName);
            var env = Env
                .Select(pair => pair.Split('=', 2))
                .Where(kv => kv[0].Length > 0)
                .Select(kv => new EnvVariable(kv[0], kv.Length > 1 ? kv[1] : string.Empty, linkNames.Contains(kv[0]) ? EnvSource.Link : EnvSource.User))
                .ToList();
            return new Container(Id, Name, Image, Status, Hostname, Endpoints, Ports, Exposed, Links, env, []);
        }

        // As the agent does: the names each link gives, from the child's address on the default bridge (links live there).
        private HashSet<string> LinkVariableNames(IReadOnlyDictionary<string, Inspected> byName)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var link in Links)
            {
                if (!byName.TryGetValue(link.Target, out var child))
                {
                    continue;
                }

                var address = child.Endpoints.FirstOrDefault(e => e.Network == "bridge" && e.Ipv4 is not null)?.Ipv4
                    ?? child.Endpoints.Select(e => e.Ipv4).FirstOrDefault(a => a is not null) ?? string.Empty;
                foreach (var variable in LinkEnvironment.Variables(Name, link.Alias, address, child.Exposed, child.Env))
                {
                    names.Add(variable.Key);
                }
            }

            return names;
        }
    }
}
