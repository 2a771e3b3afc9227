using System.Text.Json;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Core.State;
using Portal.Server.Live;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Live;

/// <summary>A burst of a host's changes goes to browsers as one message whose delta folds like the burst.</summary>
public sealed class HostChangeBatchTests
{
    private static readonly HostSummary Summary = new("docker1", true, "20.10.24", null, 1, 1, 3);

    [Fact]
    public void Take_TwoDeltas_OneChangeFoldingLikeBoth()
    {
        var start = Snapshots.Classic("docker1", 1);
        var recreate = new HostDelta("docker1", 2, DateTimeOffset.UtcNow,
            UpsertedContainers: [Snapshots.Container("web", "beef0002", "172.17.0.5")], RemovedContainers: ["c0ffee01"]);
        var chain = new HostDelta("docker1", 3, DateTimeOffset.UtcNow, Chains: [new ChainRules("nat", "POSTROUTING", [])]);
        var batch = new HostChangeBatch();

        batch.Add(new HostChange("docker1", 2, Summary, Delta: recreate));
        batch.Add(new HostChange("docker1", 3, Summary, Delta: chain));
        var merged = batch.Take()!;

        Assert.Equal(3, merged.Sequence);
        Assert.Equal(Json(start.Apply(recreate).Apply(chain)), Json(start.Apply(merged.Delta!)));
        Assert.Null(batch.Take());
    }

    [Fact]
    public void Take_ResyncInTheBurst_NoDeltaOnlyTheResync()
    {
        var batch = new HostChangeBatch();

        batch.Add(new HostChange("docker1", 2, Summary, Delta: new HostDelta("docker1", 2, DateTimeOffset.UtcNow, RemovedContainers: ["c0ffee01"])));
        batch.Add(new HostChange("docker1", 5, Summary, Resync: true));
        var merged = batch.Take()!;

        Assert.Equal((5L, true), (merged.Sequence, merged.Resync));
        Assert.Null(merged.Delta);
    }

    private static string Json(HostSnapshot snapshot) => JsonSerializer.Serialize(snapshot, PortalJson.Options);
}
