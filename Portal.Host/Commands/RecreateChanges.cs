using Docker.DotNet.Models;
using Portal.Contracts.Commands;

namespace Portal.Host.Commands;

/// <summary>
/// Applies a recreate command's link and port changes to a blueprint. Asking to remove what is not there is a 404;
/// adding an alias or a host port the container already has is a 409. Answers a description of the changes.
/// </summary>
public static class RecreateChanges
{
    public static string Apply(ContainerBlueprint blueprint, RecreateContainerCommand command)
    {
        var host = blueprint.Create.HostConfig ??= new HostConfig();
        var described = new List<string>();
        var links = host.Links?.ToList() ?? [];
        foreach (var alias in command.RemoveLinkAliases ?? [])
        {
            var index = links.FindIndex(l => LinkConversion.Alias(l) == alias);
            if (index < 0)
            {
                throw new CommandRefusal(404, $"removeLinkAliases: {blueprint.Name} has no link with alias {alias}");
            }

            described.Add($"without link {links[index]}");
            links.RemoveAt(index);
        }

        foreach (var link in command.AddLinks ?? [])
        {
            if (links.Any(l => LinkConversion.Alias(l) == link.Alias))
            {
                throw new CommandRefusal(409, $"addLinks: {blueprint.Name} already has a link with alias {link.Alias}");
            }

            links.Add($"{link.Target}:{link.Alias}");
            described.Add($"with link {link.Target}:{link.Alias}");
        }

        host.Links = links.Count == 0 ? null! : links;

        var bindings = host.PortBindings ?? new Dictionary<string, IList<PortBinding>>();
        foreach (var port in command.RemovePorts ?? [])
        {
            var key = Key(port);
            var list = bindings.TryGetValue(key, out var found) ? found : [];
            var match = list.FirstOrDefault(b => b.HostPort == port.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture) && SameHostIp(b.HostIP, port.HostIp));
            if (match is null)
            {
                throw new CommandRefusal(404, $"removePorts: {blueprint.Name} does not publish {Describe(port)}");
            }

            list.Remove(match);
            if (list.Count == 0)
            {
                bindings.Remove(key);
            }

            described.Add($"without port {Describe(port)}");
        }

        var exposed = blueprint.Create.ExposedPorts ?? new Dictionary<string, EmptyStruct>();
        foreach (var port in command.AddPorts ?? [])
        {
            var hostPort = port.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var protocol = port.Protocol;
            var taken = bindings.Any(b => b.Key.EndsWith($"/{protocol}", StringComparison.Ordinal)
                && b.Value.Any(x => x.HostPort == hostPort && Overlap(x.HostIP, port.HostIp)));
            if (taken)
            {
                throw new CommandRefusal(409, $"addPorts: {blueprint.Name} already publishes host port {hostPort}/{protocol}");
            }

            var key = Key(port);
            if (!bindings.TryGetValue(key, out var list))
            {
                bindings[key] = list = [];
            }

            list.Add(new PortBinding { HostIP = port.HostIp ?? string.Empty, HostPort = hostPort });
            exposed[key] = default;
            described.Add($"with port {Describe(port)}");
        }

        // An empty map stays an empty map: `docker run` without -p stores {} and inspect must read the same after a recreate.
        host.PortBindings = bindings.Count == 0 && host.PortBindings is null ? null! : bindings;
        blueprint.Create.ExposedPorts = exposed.Count == 0 ? null! : exposed;
        return string.Join(", ", described);
    }

    public static string Describe(PortSpec port) =>
        $"{(port.HostIp is null ? string.Empty : port.HostIp + ":")}{port.HostPort}->{port.ContainerPort}/{port.Protocol}";

    private static string Key(PortSpec port) => $"{port.ContainerPort}/{port.Protocol}";

    private static bool IsAny(string? hostIp) => string.IsNullOrEmpty(hostIp) || hostIp == "0.0.0.0";

    private static bool SameHostIp(string? bound, string? asked) => asked is null || (IsAny(bound) ? IsAny(asked) : bound == asked);

    private static bool Overlap(string? bound, string? asked) => IsAny(bound) || IsAny(asked) || bound == asked;
}
