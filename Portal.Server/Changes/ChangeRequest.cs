using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Plans;

namespace Portal.Server.Changes;

/// <summary>
/// One requested change, as the API hands it to <see cref="ChangeService"/>.
/// </summary>
/// <param name="Plan">Plans the change with a Core planner.</param>
/// <param name="Intent">The intent to keep once applied (names made canonical from the state); null for a removal.</param>
/// <param name="Ends">Standing intents this change ends once applied (a DELETE's own intent, an older ICC choice).</param>
/// <param name="Predict">The state as it will be after the change, where the portal chain depends on it (an unlink).</param>
/// <param name="After">The host's containers as the change leaves them, for the reachability its plan explains (ports and endpoints it moves); <paramref name="Predict"/> when null.</param>
/// <param name="Retry">An existing intent to plan and apply again instead of a new one.</param>
public sealed record ChangeRequest(
    string Host,
    string? User,
    bool DryRun,
    Func<ChangePlanning, PlannedChange> Plan,
    Func<HostState, IntentSpec?>? Intent = null,
    Func<IntentSpec, bool>? Ends = null,
    Func<HostSnapshot, HostSnapshot>? Predict = null,
    long? Retry = null,
    Func<HostSnapshot, HostSnapshot>? After = null);
