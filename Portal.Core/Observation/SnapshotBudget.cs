using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;

namespace Portal.Core.Observation;

/// <summary>
/// Keeps a snapshot's containers within a byte budget of JSON: while they are too heavy, the heaviest container's env
/// and hosts are dropped (marked truncated). Rules, bridges and the containers' other fields are never cut: they are
/// what the portal is for, and a host's own rules are not a container's to inflate.
/// </summary>
public static class SnapshotBudget
{
    public static HostSnapshot Fit(HostSnapshot snapshot, long maxContainersBytes)
    {
        var weights = snapshot.Containers.Select(c => (Whole: Size(c), Cuttable: Size(c.Env) + Size(c.Hosts))).ToList();
        var total = weights.Sum(w => w.Whole);
        if (total <= maxContainersBytes)
        {
            return snapshot;
        }

        var containers = snapshot.Containers.ToList();
        foreach (var (index, cuttable) in weights.Select((w, i) => (i, w.Cuttable)).OrderByDescending(w => w.Cuttable).ToList())
        {
            if (total <= maxContainersBytes)
            {
                break;
            }

            var c = containers[index];
            containers[index] = c with
            {
                Env = [],
                Hosts = [],
                EnvTruncated = c.EnvTruncated || c.Env.Count > 0,
                HostsTruncated = c.HostsTruncated || c.Hosts.Count > 0,
            };
            total -= cuttable;
        }

        return snapshot with { Containers = containers };
    }

    public static long Size<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, WireJson.Info<T>()).LongLength;
}
