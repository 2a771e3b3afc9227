using Portal.Contracts.Model;

namespace Portal.Contracts.Api;

/// <summary>
/// What a browser receives on <c>HostChanged</c>: the host's new summary and, when its state moved, the
/// <see cref="Delta"/> that moved it (masked, several merged into one after a burst), which the page folds with
/// <see cref="HostSnapshot.Apply"/> as the server did. <see cref="Resync"/> true means: throw away what you hold and
/// fetch the whole state again (<c>GET /api/hosts/{host}/state</c>).
/// </summary>
public sealed record HostChange(
    string Host,
    long Sequence,
    HostSummary Summary,
    bool Resync = false,
    HostDelta? Delta = null);
