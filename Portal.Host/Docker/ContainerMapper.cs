using Docker.DotNet.Models;
using Portal.Contracts.Model;
using Endpoint = Portal.Contracts.Model.Endpoint;
using PortBinding = Portal.Contracts.Model.PortBinding;

namespace Portal.Host.Docker;

/// <summary>Maps the engine's inspect answer to the portal's model, field by field, without I/O.</summary>
public static class ContainerMapper
{
    public static string Name(ContainerInspectResponse inspect) => inspect.Name.TrimStart('/');

    public static bool IsRunning(ContainerInspectResponse inspect) => inspect.State?.Running == true;

    public static IReadOnlyList<Endpoint> Endpoints(ContainerInspectResponse inspect)
    {
        var networks = inspect.NetworkSettings?.Networks;
        if (networks is null)
        {
            return [];
        }

        return networks
            .OrderBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => new Endpoint(
                n.Key,
                NullIfEmpty(n.Value.IPAddress),
                NullIfEmpty(n.Value.MacAddress),
                n.Value.Aliases?.ToList() ?? [],
                NullIfEmpty(n.Value.Gateway),
                NullIfEmpty(n.Value.IPAMConfig?.IPv4Address),
                NullIfEmpty(n.Value.EndpointID)))
            .ToList();
    }

    /// <summary>Actual bindings for a running container; the requested ones (HostConfig) otherwise.</summary>
    public static IReadOnlyList<PortBinding> Ports(ContainerInspectResponse inspect)
    {
        var bindings = IsRunning(inspect)
            ? inspect.NetworkSettings?.Ports
            : inspect.HostConfig?.PortBindings;
        if (bindings is null)
        {
            return [];
        }

        var result = new List<PortBinding>();
        foreach (var (key, hostBindings) in bindings)
        {
            if (hostBindings is null || !TryParsePort(key, out var port, out var protocol))
            {
                // An exposed but unpublished port appears with a null list: not a binding.
                continue;
            }

            foreach (var binding in hostBindings)
            {
                int? hostPort = int.TryParse(binding.HostPort, out var hp) ? hp : null;
                result.Add(new PortBinding(port, protocol, NullIfEmpty(binding.HostIP), hostPort));
            }
        }

        return result
            .OrderBy(p => p.ContainerPort).ThenBy(p => p.Protocol, StringComparer.Ordinal)
            .ThenBy(p => p.HostIp, StringComparer.Ordinal).ThenBy(p => p.HostPort)
            .ToList();
    }

    public static IReadOnlyList<string> Exposed(ContainerInspectResponse inspect) =>
        SortPorts(inspect.Config?.ExposedPorts?.Keys ?? []);

    public static IReadOnlyList<string> SortPorts(IEnumerable<string> ports) =>
        ports
            .Select(p => (Text: p, Ok: TryParsePort(p, out var n, out var proto), Number: n, Protocol: proto))
            .OrderBy(p => p.Ok ? p.Number : int.MaxValue).ThenBy(p => p.Protocol, StringComparer.Ordinal)
            .Select(p => p.Text)
            .ToList();

    /// <summary>HostConfig.Links entries look like "/web:/client/web": the child's name, then the alias under the parent.</summary>
    public static IReadOnlyList<ContainerLink> Links(ContainerInspectResponse inspect)
    {
        var links = inspect.HostConfig?.Links;
        if (links is null)
        {
            return [];
        }

        var result = new List<ContainerLink>();
        foreach (var link in links)
        {
            if (ParseLink(link) is { } parsed)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    public static ContainerLink? ParseLink(string link)
    {
        var colon = link.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var target = link[..colon].TrimStart('/');
        var aliasPath = link[(colon + 1)..];
        var alias = aliasPath[(aliasPath.LastIndexOf('/') + 1)..];
        return target.Length == 0 || alias.Length == 0 ? null : new ContainerLink(target, alias);
    }

    public static bool TryParsePort(string key, out int port, out string protocol)
    {
        var slash = key.IndexOf('/');
        protocol = slash < 0 ? "tcp" : key[(slash + 1)..];
        return int.TryParse(slash < 0 ? key : key[..slash], out port);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
