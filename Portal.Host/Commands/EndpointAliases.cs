namespace Portal.Host.Commands;

/// <summary>
/// The aliases an operator gave an endpoint, without the ones Docker 20.10 adds by itself on user-defined networks
/// (the container's short id, and its hostname when that differs from its name): passing those on to a new
/// endpoint would give the new container the old one's id as an alias.
/// </summary>
public static class EndpointAliases
{
    public static List<string> Given(IEnumerable<string>? aliases, string containerId, string? hostname, string containerName)
    {
        var shortId = containerId.Length > 12 ? containerId[..12] : containerId;
        var dockerAddsHostname = !string.IsNullOrEmpty(hostname) && hostname != containerName.TrimStart('/');
        return [.. (aliases ?? [])
            .Where(a => a != shortId && !(dockerAddsHostname && a == hostname))
            .Distinct(StringComparer.Ordinal)];
    }
}
