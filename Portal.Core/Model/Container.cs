namespace Portal.Core.Model;

/// <summary>A container as the engine and its own files describe it.</summary>
public sealed record Container(
    string Id,
    string Name,
    string Image,
    string State,
    string Hostname,
    IReadOnlyList<Endpoint> Endpoints,
    IReadOnlyList<PortBinding> Ports,
    IReadOnlyList<string> Exposed,
    IReadOnlyList<ContainerLink> Links,
    IReadOnlyList<EnvVariable> Env,
    IReadOnlyList<HostsEntry> Hosts);
