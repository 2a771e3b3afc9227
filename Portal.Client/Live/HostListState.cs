using Portal.Contracts.Api;

namespace Portal.Client.Live;

/// <summary>The host list a page shows, folded forward with the summaries of every <see cref="HostChange"/>.</summary>
public sealed record HostListState(IReadOnlyList<HostSummary> Hosts)
{
    /// <summary>
    /// Put by the feed in front of a refetched list: "forget the hosts you hold, the full list follows in this batch",
    /// so a host deleted while the page was not listening disappears.
    /// </summary>
    public static HostChange ReloadMarker { get; } =
        new(LiveHubMethods.AllHosts, 0, new HostSummary(LiveHubMethods.AllHosts, false, null, null, 0, 0, 0), Resync: true);

    public static HostListState From(IEnumerable<HostSummary> hosts) =>
        new(hosts.OrderBy(h => h.Name, StringComparer.Ordinal).ToList());

    /// <summary>The list as the feed hands it over after a refetch: the reload marker, then one change per host.</summary>
    public static IReadOnlyList<HostChange> ToReload(IEnumerable<HostSummary> hosts) =>
        [ReloadMarker, .. hosts.Select(h => new HostChange(h.Name, 0, h, Resync: true))];

    public HostListState Apply(IEnumerable<HostChange> changes)
    {
        var hosts = Hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Host == LiveHubMethods.AllHosts)
            {
                if (change.Resync)
                {
                    hosts.Clear();
                }

                continue;
            }

            hosts[change.Summary.Name] = change.Summary;
        }

        return From(hosts.Values);
    }
}
