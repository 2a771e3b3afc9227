using Portal.Contracts.Model;

namespace Portal.Contracts.Api;

/// <summary>
/// <c>GET /api/hosts/{host}/state</c>: everything the server holds of one host in one answer, so a page resyncs with one
/// call. <see cref="Sequence"/> is the last applied delta's (-1 before the agent's first snapshot, with empty lists);
/// env values are masked as everywhere. <see cref="Policies"/> and <see cref="Interfaces"/> are the snapshot's built-in
/// chain policies and host interfaces (null when the agent did not report them): the container page offers the host's
/// interfaces for a public address.
/// </summary>
public sealed record HostStateView(
    string Host,
    long Sequence,
    DateTimeOffset? TakenAt,
    string? IptablesBackend,
    HostSummary Summary,
    IReadOnlyList<Bridge> Bridges,
    IReadOnlyList<Container> Containers,
    IReadOnlyList<Rule> Rules,
    IReadOnlyList<ChainPolicy>? Policies = null,
    IReadOnlyList<HostInterface>? Interfaces = null)
{
    /// <summary>The state as a snapshot, the form the fold works on.</summary>
    public HostSnapshot ToSnapshot() =>
        new(Host, Sequence, TakenAt ?? default, Summary.DockerVersion ?? string.Empty, IptablesBackend ?? string.Empty, Bridges, Containers, Rules,
            Policies: Policies, Interfaces: Interfaces);
}
