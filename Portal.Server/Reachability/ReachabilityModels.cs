using System.Runtime.CompilerServices;
using Portal.Contracts.Model;
using Portal.Core.Reachability;

namespace Portal.Server.Reachability;

/// <summary>
/// One reachability model per host snapshot, built on first use and kept as long as that snapshot is the host's state
/// (the store swaps whole immutable snapshots, so the snapshot object is the key).
/// </summary>
public sealed class ReachabilityModels
{
    private readonly ConditionalWeakTable<HostSnapshot, ReachabilityModel> _models = [];

    public ReachabilityModel For(HostSnapshot snapshot) => _models.GetValue(snapshot, ReachabilityModel.From);
}
