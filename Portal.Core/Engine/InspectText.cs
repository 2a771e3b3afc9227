using Portal.Contracts.Model;

namespace Portal.Core.Engine;

/// <summary>
/// How the Docker engine writes ports and links in its inspect answers ("80/tcp", "/web:/client/web"), read the same
/// way by the agent (over the engine API's types) and by the offline analysis (over the JSON a user captured).
/// </summary>
public static class InspectText
{
    /// <summary>"80/tcp" (or "80", tcp implied): the number and the protocol; false when the number is not one.</summary>
    public static bool TryParsePort(string key, out int port, out string protocol)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        protocol = slash < 0 ? "tcp" : key[(slash + 1)..];
        return int.TryParse(slash < 0 ? key : key[..slash], out port);
    }

    /// <summary>Ports by number, then protocol; anything unreadable last.</summary>
    public static IReadOnlyList<string> SortPorts(IEnumerable<string> ports) =>
        ports
            .Select(p => (Text: p, Ok: TryParsePort(p, out var n, out var proto), Number: n, Protocol: proto))
            .OrderBy(p => p.Ok ? p.Number : int.MaxValue).ThenBy(p => p.Protocol, StringComparer.Ordinal)
            .Select(p => p.Text)
            .ToList();

    /// <summary>The order the agent lists a container's published ports in.</summary>
    public static IReadOnlyList<PortBinding> SortBindings(IEnumerable<PortBinding> bindings) =>
        bindings
            .OrderBy(p => p.ContainerPort).ThenBy(p => p.Protocol, StringComparer.Ordinal)
            .ThenBy(p => p.HostIp, StringComparer.Ordinal).ThenBy(p => p.HostPort)
            .ToList();

    /// <summary>HostConfig.Links entries look like "/web:/client/web": the child's name, then the alias under the parent.</summary>
    public static ContainerLink? ParseLink(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var colon = link.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var target = link[..colon].TrimStart('/');
        var aliasPath = link[(colon + 1)..];
        var alias = aliasPath[(aliasPath.LastIndexOf('/') + 1)..];
        return target.Length == 0 || alias.Length == 0 ? null : new ContainerLink(target, alias);
    }
}
