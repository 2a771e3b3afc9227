using System.Text.Json;
using Portal.Core.Model;

namespace Portal.Host.Agent;

/// <summary>
/// Compares two snapshots and builds the delta between them: containers upserted (new or changed in any field)
/// and removed (by id), bridges replaced as a whole when any changed, rules replaced as a whole when any changed.
/// Null when nothing changed.
/// </summary>
public static class DeltaBuilder
{
    public static HostDelta? Build(HostSnapshot before, HostSnapshot after, long sequence, IReadOnlyList<RuleChange> ruleChanges)
    {
        var beforeById = before.Containers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var afterIds = after.Containers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var upserted = after.Containers
            .Where(c => !beforeById.TryGetValue(c.Id, out var old) || !Same(old, c))
            .ToList();
        var removed = before.Containers.Where(c => !afterIds.Contains(c.Id)).Select(c => c.Id).ToList();
        var bridgesChanged = !Same(before.Bridges, after.Bridges);
        var rulesChanged = ruleChanges.Count > 0 || !Same(before.Rules, after.Rules);
        var versionChanged = before.DockerVersion != after.DockerVersion;

        if (upserted.Count == 0 && removed.Count == 0 && !bridgesChanged && !rulesChanged && !versionChanged)
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
            rulesChanged ? after.Rules : null,
            ruleChanges.Count > 0 ? ruleChanges : null);
    }

    // Records holding lists compare lists by reference; their JSON is the value that reaches the server.
    private static bool Same<T>(T a, T b) =>
        JsonSerializer.Serialize(a, PortalJson.Options) == JsonSerializer.Serialize(b, PortalJson.Options);
}
