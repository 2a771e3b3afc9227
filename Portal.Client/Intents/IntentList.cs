using Portal.Contracts.Intents;

namespace Portal.Client.Intents;

/// <summary>
/// The intents a page shows, newest first, folded forward with each changed intent (upsert by id). The server pushes
/// an intent a DELETE removed with the status <see cref="IntentStatus.Removed"/>: it leaves the list.
/// </summary>
public static class IntentList
{
    public static IReadOnlyList<IntentView> Apply(IReadOnlyList<IntentView> held, IEnumerable<IntentView> changed, string? host = null)
    {
        var byId = held.ToDictionary(i => i.Id);
        foreach (var intent in changed)
        {
            if (host is not null && !string.Equals(intent.Host, host, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (intent.Status == IntentStatus.Removed)
            {
                byId.Remove(intent.Id);
            }
            else
            {
                byId[intent.Id] = intent;
            }
        }

        return byId.Values.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).ToList();
    }

    /// <summary>Failed and drifted intents can be tried again.</summary>
    public static bool CanRetry(IntentView intent) =>
        intent.Status is IntentStatus.Failed or IntentStatus.Drifted;
}
