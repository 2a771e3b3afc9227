using Portal.Contracts.Model;
using Portal.Core.Observation;

namespace Portal.Core.Tests.Observation;

public sealed class SnapshotBudgetTests
{
    private static Container Heavy(string name, int variables) => new(
        name + "-id", name, "busybox", "running", name, [], [], [], [],
        [.. Enumerable.Range(0, variables).Select(i => new EnvVariable($"V{i}", new string('v', 1000), EnvSource.User))],
        [new HostsEntry("10.0.0.1", [name])]);

    private static HostSnapshot Snapshot(params Container[] containers) =>
        new("h", 1, DateTimeOffset.UnixEpoch, "20.10.24", "nf_tables", [], containers, [new Rule("nat", "DOCKER", 1, "-N DOCKER", RuleOwner.Unknown)]);

    [Fact]
    public void Fit_UnderTheBudget_Unchanged()
    {
        var snapshot = Snapshot(Heavy("a", 3));

        Assert.Same(snapshot, SnapshotBudget.Fit(snapshot, 1_000_000));
    }

    [Fact]
    public void Fit_OverTheBudget_HeaviestContainersCutFirstAndMarked()
    {
        var snapshot = Snapshot(Heavy("small", 2), Heavy("big", 50), Heavy("mid", 20));

        var fitted = SnapshotBudget.Fit(snapshot, 30_000);

        Assert.True(fitted.Containers.Sum(SnapshotBudget.Size) <= 30_000);
        var byName = fitted.Containers.ToDictionary(c => c.Name);
        Assert.Equal((true, true, 0, 0), (byName["big"].EnvTruncated, byName["big"].HostsTruncated, byName["big"].Env.Count, byName["big"].Hosts.Count));
        Assert.Equal(2, byName["small"].Env.Count);
        Assert.False(byName["small"].EnvTruncated);
        Assert.Equal(snapshot.Rules, fitted.Rules);
        Assert.Equal(["small", "big", "mid"], fitted.Containers.Select(c => c.Name));
    }
}
