using System.Text.Json.Serialization;

namespace Portal.Contracts.Model;

/// <summary>
/// A container as the engine and its own files describe it. <see cref="EnvTruncated"/> and <see cref="HostsTruncated"/>
/// (written only when true) say the agent kept only part of the environment or of /etc/hosts: their limits are in
/// <see cref="Observation.ObservationLimits"/>.
/// </summary>
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
    IReadOnlyList<HostsEntry> Hosts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool EnvTruncated = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool HostsTruncated = false);
