using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Core.State;

namespace Portal.Core.Tests.State;

/// <summary>The one fold of a host's state (<see cref="HostSnapshot.Apply"/>), its inverse and the merge of two deltas.</summary>
public sealed class HostSnapshotFoldTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static readonly Container Web = Make("id-web", "web", "172.17.0.2");
    private static readonly Container Db = Make("id-db", "db", "172.17.0.3");

    private static readonly HostSnapshot Base = new(
        "docker1", 7, T0, "20.10.24", "nf_tables", [], [Web, Db],
        [
            R("filter", "FORWARD", 1, "-A FORWARD -j DOCKER-USER"),
            R("filter", "DOCKER", 1, "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"),
            R("filter", "DOCKER-USER", 1, "-A DOCKER-USER -j RETURN"),
            R("nat", "POSTROUTING", 1, "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE"),
            R("nat", "DOCKER", 1, "-A DOCKER -i docker0 -j RETURN"),
            R("nat", "DOCKER", 2, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80"),
        ]);

    [Fact]
    public void Apply_UpsertOfAKnownId_ReplacesThatContainer()
    {
        var stopped = Web with { State = "exited" };

        var next = Base.Apply(Delta(8, upserted: [stopped]));

        Assert.Equal(["db", "web"], next.Containers.Select(c => c.Name));
        Assert.Equal("exited", next.Containers.Single(c => c.Id == "id-web").State);
    }

    [Fact]
    public void Apply_SameNameAnotherId_RecreatedContainerReplacesTheOld()
    {
        var recreated = Make("id-web-2", "web", "172.17.0.9");

        var next = Base.Apply(Delta(8, upserted: [recreated]));

        Assert.Equal(["id-db", "id-web-2"], next.Containers.Select(c => c.Id));
    }

    [Fact]
    public void Apply_RemovalById_GoesAndANameIsNotAnId()
    {
        var next = Base.Apply(Delta(8, removed: ["id-db", "web"]));

        Assert.Equal(["id-web"], next.Containers.Select(c => c.Id));
    }

    [Fact]
    public void Apply_Chain_ReplacesOnlyThatTablesChainWhereItStood()
    {
        var dnat = R("nat", "DOCKER", 1, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 9090 -j DNAT --to-destination 172.17.0.3:80");

        var next = Base.Apply(Delta(8, chains: [new ChainRules("nat", "DOCKER", [dnat])]));

        // filter's DOCKER chain has the same name and must not move.
        Assert.Equal([.. Base.Rules.Take(4), dnat], next.Rules);
    }

    [Fact]
    public void Apply_EmptyChain_ItsRulesGoAndANewChainJoinsItsTable()
    {
        var portal = R("filter", "PORTAL-ICC", 1, "-A PORTAL-ICC -i docker0 -o docker0 -j DROP");

        var next = Base.Apply(Delta(8, chains: [new ChainRules("filter", "DOCKER-USER", []), new ChainRules("filter", "PORTAL-ICC", [portal])]));

        Assert.Equal(
            ["filter FORWARD", "filter DOCKER", "filter PORTAL-ICC", "nat POSTROUTING", "nat DOCKER", "nat DOCKER"],
            next.Rules.Select(r => $"{r.Table} {r.Chain}"));
    }

    [Fact]
    public void Apply_SequenceTimeAndVersion_TakenFromTheDeltaNullSectionsKept()
    {
        var next = Base.Apply(new HostDelta("docker1", 8, T0.AddSeconds(3), DockerVersion: "20.10.25"));

        Assert.Equal((8L, T0.AddSeconds(3), "20.10.25"), (next.Sequence, next.TakenAt, next.DockerVersion));
        Assert.Same(Base.Containers, next.Containers);
        Assert.Same(Base.Rules, next.Rules);
        Assert.Same(Base.Bridges, next.Bridges);
        Assert.Equal(8, next.Apply(new HostDelta("docker1", 9, T0)).Sequence - 1);
    }

    [Fact]
    public void DeltaTo_OneChainChanged_CarriesOnlyThatChainAndFoldsBack()
    {
        var after = Base with
        {
            TakenAt = T0.AddSeconds(1),
            Rules = [.. Base.Rules.Where(r => r.Chain != "DOCKER-USER"), R("filter", "DOCKER-USER", 1, "-A DOCKER-USER -s 10.9.9.9/32 -j DROP")],
        };

        var delta = Base.DeltaTo(after, 8)!;

        var chain = Assert.Single(delta.Chains!);
        Assert.Equal(("filter", "DOCKER-USER", 1), (chain.Table, chain.Chain, chain.Rules.Count));
        Assert.Null(delta.UpsertedContainers);
        var folded = Base.Apply(delta);
        Assert.Equal(Json(after with { Sequence = 8, Rules = [] }), Json(folded with { Rules = [] }));
        Assert.Equal(after.Rules.OrderBy(r => r.Table).ThenBy(r => r.Chain), folded.Rules.OrderBy(r => r.Table).ThenBy(r => r.Chain));
    }

    [Fact]
    public void DeltaTo_ChainGoneContainerRecreated_EmptyListAndOldIdRemoved()
    {
        var recreated = Make("id-db-2", "db", "172.17.0.4");
        var after = Base with { Containers = [recreated, Web], Rules = [.. Base.Rules.Where(r => r.Chain != "DOCKER-USER")] };

        var delta = Base.DeltaTo(after, 8)!;

        Assert.Equal([new ChainRules("filter", "DOCKER-USER", [])], delta.Chains!, ChainComparer.Instance);
        Assert.Equal(["id-db-2"], delta.UpsertedContainers!.Select(c => c.Id));
        Assert.Equal(["id-db"], delta.RemovedContainers!);
        Assert.Equal(Json(after with { Sequence = 8 }), Json(Base.Apply(delta) with { Containers = [.. Base.Apply(delta).Containers.OrderBy(c => c.Id)] }));
    }

    [Fact]
    public void DeltaTo_NothingChanged_Null() => Assert.Null(Base.DeltaTo(Base with { TakenAt = T0.AddMinutes(1) }, 8));

    [Fact]
    public void DeltaTo_FromEmpty_RebuildsTheWholeSnapshot()
    {
        var whole = HostSnapshot.Empty("docker1").DeltaTo(Base, Base.Sequence)!;

        // The iptables backend is not part of a delta; containers come back sorted by name.
        var rebuilt = HostSnapshot.Empty("docker1").Apply(whole);
        Assert.Equal(Json(Base with { IptablesBackend = string.Empty, Containers = [Db, Web] }), Json(rebuilt));
    }

    public static TheoryData<string> Pairs() => ["upsert then remove", "remove then upsert", "recreate twice", "chain twice", "rename after recreate", "mixed"];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Then_TwoDeltasAsOne_SameAsApplyingBoth(string pair)
    {
        var (first, next) = pair switch
        {
            "upsert then remove" => (Delta(8, upserted: [Make("id-new", "new", "172.17.0.5")]), Delta(9, removed: ["id-new", "id-db"])),
            "remove then upsert" => (Delta(8, removed: ["id-web"]), Delta(9, upserted: [Web with { State = "running" }])),
            "recreate twice" => (Delta(8, upserted: [Make("id-web-2", "web", "172.17.0.6")]), Delta(9, upserted: [Make("id-web-3", "web", "172.17.0.7")])),
            "chain twice" => (
                Delta(8, chains: [new ChainRules("nat", "DOCKER", []), new ChainRules("filter", "DOCKER-USER", [])]),
                Delta(9, chains: [new ChainRules("nat", "DOCKER", [R("nat", "DOCKER", 1, "-A DOCKER -i docker0 -j RETURN")])])),
            // As the agent sends them (SnapshotDiff): a recreate names the old id gone.
            "rename after recreate" => (
                Delta(8, upserted: [Make("id-db-2", "db", "172.17.0.8")], removed: ["id-db"]),
                Delta(9, upserted: [Make("id-db-2", "store", "172.17.0.8")])),
            _ => (
                Delta(8, upserted: [Db with { State = "exited" }], chains: [new ChainRules("filter", "FORWARD", [])]),
                Delta(9, upserted: [Make("id-web-2", "web", "172.17.0.9")], removed: ["id-db"], chains: [new ChainRules("filter", "PORTAL-ICC", [R("filter", "PORTAL-ICC", 1, "-A PORTAL-ICC -j RETURN")])])),
        };

        Assert.Equal(Json(Base.Apply(first).Apply(next)), Json(Base.Apply(first.Then(next))));
    }

    private static HostDelta Delta(long sequence, Container[]? upserted = null, string[]? removed = null, ChainRules[]? chains = null) =>
        new("docker1", sequence, T0.AddSeconds(sequence), UpsertedContainers: upserted, RemovedContainers: removed, Chains: chains);

    private static Rule R(string table, string chain, int index, string text) => new(table, chain, index, text, RuleOwner.Unknown);

    private static Container Make(string id, string name, string ipv4) =>
        new(id, name, "busybox:latest", "running", name, [new Endpoint("bridge", ipv4, "02:42:ac:11:00:02", [])], [], [], [], [], []);

    private static string Json(HostSnapshot snapshot) => JsonSerializer.Serialize(snapshot, PortalJson.Options);

    private sealed class ChainComparer : IEqualityComparer<ChainRules>
    {
        public static readonly ChainComparer Instance = new();

        public bool Equals(ChainRules? x, ChainRules? y) =>
            x is not null && y is not null && (x.Table, x.Chain) == (y.Table, y.Chain) && x.Rules.SequenceEqual(y.Rules);

        public int GetHashCode(ChainRules obj) => HashCode.Combine(obj.Table, obj.Chain);
    }
}
