using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;

namespace Portal.Core.State;

/// <summary>
/// The delta between two snapshots of one host: containers new or changed in any field (upserted) and gone (removed,
/// by id), the bridges as a whole when any changed, and only the chains whose rules changed, each with its complete new
/// list (empty when the chain has no rules any more). Null when nothing changed.
/// </summary>
public static class SnapshotDiff
{
    public static HostDelta? Between(HostSnapshot before, HostSnapshot after, long sequence)
    {
        var beforeById = before.Containers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var afterIds = after.Containers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var upserted = after.Containers
            .Where(c => !beforeById.TryGetValue(c.Id, out var old) || !Same(old, c))
            .ToList();
        var removed = before.Containers.Where(c => !afterIds.Contains(c.Id)).Select(c => c.Id).ToList();
        var bridgesChanged = !Same(before.Bridges, after.Bridges);
        var chains = ChangedChains(before.Rules, after.Rules);
        var versionChanged = before.DockerVersion != after.DockerVersion;
        var policiesChanged = after.Policies is not null && !Same(before.Policies, after.Policies);
        var interfacesChanged = after.Interfaces is not null && !Same(before.Interfaces, after.Interfaces);

        if (upserted.Count == 0 && removed.Count == 0 && !bridgesChanged && chains.Count == 0 && !versionChanged && !policiesChanged && !interfacesChanged)
        {
            return null;
        }

        return new HostDelta(
            after.Host,
            sequence,
            after.TakenAt,
            versionChanged ? after.DockerVersion : null,
            bridgesChanged ? after.Bridges : null,
            upserted.Count > 0 ? upserted : null,
            removed.Count > 0 ? removed : null,
            chains.Count > 0 ? chains : null,
            policiesChanged ? after.Policies : null,
            interfacesChanged ? after.Interfaces : null);
    }

    /// <summary>Chains whose rule lists differ (rules and their owners are records of strings: equal by value).</summary>
    public static List<ChainRules> ChangedChains(IReadOnlyList<Rule> before, IReadOnlyList<Rule> after)
    {
        var old = ChainFold.Chains(before).ToDictionary(c => (c.Table, c.Chain, c.Ipv6));
        var changed = new List<ChainRules>();
        foreach (var chain in ChainFold.Chains(after))
        {
            if (!old.Remove((chain.Table, chain.Chain, chain.Ipv6), out var was) || !was.Rules.SequenceEqual(chain.Rules))
            {
                changed.Add(chain);
            }
        }

        changed.AddRange(old.Values.Select(gone => gone with { Rules = [] }));
        return changed;
    }

    // Records holding lists compare lists by reference; their JSON is the value that reaches the server.
    private static bool Same<T>(T a, T b) =>
        JsonSerializer.Serialize(a, WireJson.Info<T>()) == JsonSerializer.Serialize(b, WireJson.Info<T>());
}
