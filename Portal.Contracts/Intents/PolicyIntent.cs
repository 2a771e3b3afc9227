using Portal.Contracts.Policies;

namespace Portal.Contracts.Intents;

/// <summary>
/// The operator's allow-list policy for one network: <see cref="Mode"/> is one of <see cref="PolicyMode"/>, <see cref="Allow"/>
/// the entries written (containers by canonical name; link-derived entries are not stored, they are derived anew).
/// </summary>
public sealed record PolicyIntent(string Network, string Mode, IReadOnlyList<PolicyAllow> Allow) : IntentSpec
{
    public override string Describe() => $"policy {Mode} for {Network} ({Allow.Count} allow {(Allow.Count == 1 ? "entry" : "entries")})";
}
