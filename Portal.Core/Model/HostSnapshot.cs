namespace Portal.Core.Model;

/// <summary>
/// Everything an agent observed on one Docker host at one moment: the model the server receives on connect
/// and the output of <c>Portal.Host snapshot</c>.
/// </summary>
public sealed record HostSnapshot(
    string Host,
    long Sequence,
    DateTimeOffset TakenAt,
    string DockerVersion,
    string IptablesBackend,
    IReadOnlyList<Bridge> Bridges,
    IReadOnlyList<Container> Containers,
    IReadOnlyList<Rule> Rules);
