using Portal.Contracts.Api;

namespace Portal.Client.Audit;

/// <summary>
/// The rows an audit page holds, newest first. Live rows and a reloaded first page may repeat rows already held
/// (the hub delivers to a host's group and to "*"), so everything merges by id.
/// </summary>
public static class AuditEntries
{
    public static IReadOnlyList<AuditEntryView> Merge(IReadOnlyList<AuditEntryView> held, IEnumerable<AuditEntryView> arrived)
    {
        var byId = held.ToDictionary(e => e.Id);
        foreach (var entry in arrived)
        {
            byId[entry.Id] = entry;
        }

        // Ids grow with time on the server; sort by id so rows of one instant keep their order.
        return byId.Values.OrderByDescending(e => e.Id).ToList();
    }
}
