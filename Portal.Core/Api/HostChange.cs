using Portal.Core.Model;

namespace Portal.Core.Api;

/// <summary>
/// What a browser receives on <c>HostChanged</c>: the host's new summary and the sections that changed
/// (null when unchanged). <see cref="Resync"/> true means: throw away what you hold and fetch again.
/// </summary>
public sealed record HostChange(
    string Host,
    long Sequence,
    HostSummary Summary,
    bool Resync = false,
    IReadOnlyList<Bridge>? Bridges = null,
    IReadOnlyList<Container>? UpsertedContainers = null,
    IReadOnlyList<string>? RemovedContainers = null,
    IReadOnlyList<Rule>? Rules = null);
