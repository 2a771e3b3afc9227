using Portal.Core.Model;

namespace Portal.Server.State;

/// <summary>
/// Folds a delta into a snapshot. Sections that are null did not change. <see cref="HostDelta.Rules"/> is the
/// complete new rule list of every table it mentions; tables it does not mention keep their rules.
/// </summary>
public static class HostDeltaApplier
{
    public static HostSnapshot Apply(HostSnapshot snapshot, HostDelta delta)
    {
        var containers = snapshot.Containers;
        if (delta.RemovedContainers is { Count: > 0 } || delta.UpsertedContainers is { Count: > 0 })
        {
            containers = MergeContainers(containers, delta.UpsertedContainers ?? [], delta.RemovedContainers ?? []);
        }

        return snapshot with
        {
            Sequence = delta.Sequence,
            TakenAt = delta.At,
            DockerVersion = delta.DockerVersion ?? snapshot.DockerVersion,
            Bridges = delta.Bridges ?? snapshot.Bridges,
            Containers = containers,
            Rules = delta.Rules is null ? snapshot.Rules : MergeRules(snapshot.Rules, delta.Rules),
        };
    }

    private static List<Container> MergeContainers(
        IReadOnlyList<Container> current, IReadOnlyList<Container> upserted, IReadOnlyList<string> removed)
    {
        // A removal names a container by name or id; an upsert replaces whatever had its id or its name
        // (a container recreated under the same name gets a new id).
        var gone = new HashSet<string>(removed, StringComparer.Ordinal);
        foreach (var container in upserted)
        {
            gone.Add(container.Id);
            gone.Add(container.Name);
        }

        var merged = current.Where(c => !gone.Contains(c.Id) && !gone.Contains(c.Name)).ToList();
        merged.AddRange(upserted);
        merged.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return merged;
    }

    private static List<Rule> MergeRules(IReadOnlyList<Rule> current, IReadOnlyList<Rule> changed)
    {
        var tables = changed.Select(r => r.Table).ToHashSet(StringComparer.Ordinal);
        var merged = current.Where(r => !tables.Contains(r.Table)).ToList();
        merged.AddRange(changed);
        return merged;
    }
}
