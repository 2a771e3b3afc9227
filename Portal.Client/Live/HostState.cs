using Portal.Core.Api;
using Portal.Core.Model;

namespace Portal.Client.Live;

/// <summary>
/// What a page knows of one host: the REST state it fetched, folded forward with every <see cref="HostChange"/>.
/// Immutable, so a page swaps it in one assignment and renders a consistent picture.
/// </summary>
public sealed record HostState(
    string Host,
    HostSummary? Summary,
    IReadOnlyList<Bridge> Bridges,
    IReadOnlyList<Container> Containers,
    IReadOnlyList<Rule> Rules)
{
    public static HostState Empty(string host) => new(host, null, [], [], []);

    public Container? FindContainer(string name) =>
        Containers.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    public HostState Apply(IEnumerable<HostChange> changes) =>
        changes.Aggregate(this, (state, change) => state.Apply(change));

    public HostState Apply(HostChange change)
    {
        if (!string.Equals(change.Host, Host, StringComparison.OrdinalIgnoreCase))
        {
            return this;
        }

        // A resync that carries containers is a whole new picture (the feed refetched it); merging would keep
        // containers that vanished while we were not listening.
        var containers = change.Resync && change.UpsertedContainers is not null
            ? change.UpsertedContainers
            : Merge(Containers, change.UpsertedContainers, change.RemovedContainers);

        return this with
        {
            Summary = change.Summary,
            Bridges = change.Bridges ?? Bridges,
            Containers = containers,
            Rules = change.Rules ?? Rules,
        };
    }

    /// <summary>The whole state as one resync change, the form in which the feed hands a refetched picture to a page.</summary>
    public HostChange ToResync() =>
        new(Host, 0, Summary ?? new HostSummary(Host, false, null, null, Containers.Count, Bridges.Count, Rules.Count),
            Resync: true, Bridges: Bridges, UpsertedContainers: Containers, Rules: Rules);

    private static IReadOnlyList<Container> Merge(
        IReadOnlyList<Container> current,
        IReadOnlyList<Container>? upserted,
        IReadOnlyList<string>? removed)
    {
        if (upserted is null && removed is null)
        {
            return current;
        }

        var result = current.ToList();
        if (removed is not null)
        {
            // The agent names removed containers by name or by id; accept either.
            result.RemoveAll(c => removed.Contains(c.Name) || removed.Contains(c.Id));
        }

        foreach (var container in upserted ?? [])
        {
            var index = result.FindIndex(c => c.Id == container.Id || c.Name == container.Name);
            if (index >= 0)
            {
                result[index] = container;
            }
            else
            {
                result.Add(container);
            }
        }

        return result.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }
}
