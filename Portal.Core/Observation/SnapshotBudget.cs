using System.Text.Json;
using Portal.Core.Model;

namespace Portal.Core.Observation;

/// <summary>
/// Keeps a snapshot within a byte budget of JSON: while it is too heavy, the heaviest container's env and hosts are
/// dropped (marked truncated). Rules, bridges and the containers' other fields are never cut: they are what the portal
/// is for, and a host's own rules are not a container's to inflate.
/// </summary>
public static class SnapshotBudget
{
    public static HostSnapshot Fit(HostSnapshot snapshot, long maxBytes)
    {
        var total = Size(snapshot);
        if (total <= maxBytes)
        {
            return snapshot;
        }

        var containers = snapshot.Containers.ToList();
        var order = containers
            .Select((c, i) => (Index: i, Weight: Size(c.Env) + Size(c.Hosts)))
            .OrderByDescending(c => c.Weight)
            .ToList();
        foreach (var (index, weight) in order)
        {
            if (total <= maxBytes)
            {
                break;
            }

            var c = containers[index];
            containers[index] = c with { Env = [], Hosts = [], EnvTruncated = c.EnvTruncated || c.Env.Count > 0, HostsTruncated = c.HostsTruncated || c.Hosts.Count > 0 };
            total -= weight;
        }

        return snapshot with { Containers = containers };
    }

    public static long Size<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, PortalJson.Options).LongLength;
}
