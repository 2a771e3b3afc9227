using Portal.Contracts.Model;

namespace Portal.Server.State;

/// <summary>Docker accepts a container's name or its id (full or a unique prefix of 12 or more); so does the portal.</summary>
public static class ContainerLookup
{
    public static Container? Find(HostState state, string name)
    {
        var containers = state.Snapshot?.Containers ?? [];
        return containers.FirstOrDefault(c => c.Name == name)
            ?? containers.FirstOrDefault(c => c.Id == name)
            ?? (name.Length >= 12 ? Unique(containers.Where(c => c.Id.StartsWith(name, StringComparison.Ordinal))) : null);
    }

    // An ambiguous prefix names no container (a 404, never a 500).
    private static Container? Unique(IEnumerable<Container> matches)
    {
        var two = matches.Take(2).ToList();
        return two.Count == 1 ? two[0] : null;
    }
}
