using Portal.Contracts.Model;

namespace Portal.Core.State;

/// <summary>
/// Containers keyed by id. An upsert replaces the container with its id and any other with its name (Docker recreated
/// it under the same name with a new id); a removal names an id. Lists stay sorted by name.
/// </summary>
public static class ContainerFold
{
    public static IReadOnlyList<Container> Apply(
        IReadOnlyList<Container> current, IReadOnlyList<Container>? upserted, IReadOnlyList<string>? removed)
    {
        if (upserted is not { Count: > 0 } && removed is not { Count: > 0 })
        {
            return current;
        }

        var goneIds = new HashSet<string>(removed ?? [], StringComparer.Ordinal);
        var goneNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in upserted ?? [])
        {
            goneIds.Add(container.Id);
            goneNames.Add(container.Name);
        }

        var result = current.Where(c => !goneIds.Contains(c.Id) && !goneNames.Contains(c.Name)).ToList();
        result.AddRange(upserted ?? []);
        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    /// <summary>Two deltas' container sections as one (the later wins), so that applying it equals applying both.</summary>
    public static (IReadOnlyList<Container>? Upserted, IReadOnlyList<string>? Removed) Merge(
        IReadOnlyList<Container>? firstUpserted,
        IReadOnlyList<string>? firstRemoved,
        IReadOnlyList<Container>? nextUpserted,
        IReadOnlyList<string>? nextRemoved)
    {
        var upserted = new List<Container>(firstUpserted ?? []);
        var removed = new List<string>(firstRemoved ?? []);
        foreach (var id in nextRemoved ?? [])
        {
            upserted.RemoveAll(c => c.Id == id);
            if (!removed.Contains(id))
            {
                removed.Add(id);
            }
        }

        foreach (var container in nextUpserted ?? [])
        {
            // An earlier upsert under the same name but another id is gone after the later one: remove it by id, which
            // also removes it when the first delta's upsert only changed a container the receiver already holds.
            foreach (var replaced in upserted.Where(c => c.Name == container.Name && c.Id != container.Id).ToList())
            {
                upserted.Remove(replaced);
                if (!removed.Contains(replaced.Id))
                {
                    removed.Add(replaced.Id);
                }
            }

            upserted.RemoveAll(c => c.Id == container.Id);
            removed.Remove(container.Id);
            upserted.Add(container);
        }

        return (upserted.Count > 0 ? upserted : null, removed.Count > 0 ? removed : null);
    }
}
