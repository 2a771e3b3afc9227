using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Iptables;
using Portal.Server.Tests.Infrastructure;
using static Portal.Server.Tests.Audit.AuditHost;

namespace Portal.Server.Tests.Audit;

/// <summary>The rules at a past moment and the difference between two, rebuilt from a baseline and the stored batches.</summary>
public sealed class AuditHistoryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Masq = "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE";
    private const string DockerJump = "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER";
    private const string Web = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";
    private const string Db = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172.17.0.3:5432";
    private const string Forward = "-A FORWARD -j DOCKER-USER";
    private const string Drop = "-A FORWARD -s 10.9.9.9/32 -j DROP";

    private static readonly Rule[] Baseline =
    [
        new("nat", "PREROUTING", 1, DockerJump, RuleOwner.Unknown),
        new("nat", "POSTROUTING", 1, Masq, Masquerade),
        new("nat", "DOCKER", 1, Web, Port("web", "8080/tcp")),
        new("filter", "FORWARD", 1, Forward, RuleOwner.Unknown),
    ];

    [Fact]
    public async Task RulesAtTime_BaselineAndBatches_EqualTheSaveLinesOfEachMoment()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin, Baseline);
        // Minute 1: db's DNAT after web's. Minute 2: an external DROP inserted first in FORWARD.
        // Minute 3: web's DNAT removed. Minute 4: web's DNAT back, now before db's (a re-ordering).
        await host.SendAsync(Added(1, "nat", "DOCKER", Db, 2, Port("db", "5432/tcp"), Docker("start", "db")));
        await host.SendAsync(Added(2, "filter", "FORWARD", Drop, 1));
        await host.SendAsync(Removed(3, "nat", "DOCKER", Web, 1, Port("web", "8080/tcp"), Docker("stop", "web")));
        await host.SendAsync(Added(4, "nat", "DOCKER", Web, 1, Port("web", "8080/tcp"), Docker("start", "web")));

        Assert.Equal(
            ["nat PREROUTING 1 " + DockerJump, "nat POSTROUTING 1 " + Masq, "nat DOCKER 1 " + Web, "filter FORWARD 1 " + Forward],
            await RulesAsync(admin, host, At(0)));
        Assert.Equal(
            ["nat PREROUTING 1 " + DockerJump, "nat POSTROUTING 1 " + Masq, "nat DOCKER 1 " + Web, "nat DOCKER 2 " + Db,
             "filter FORWARD 1 " + Drop, "filter FORWARD 2 " + Forward],
            await RulesAsync(admin, host, At(2)));
        Assert.Equal(
            ["nat PREROUTING 1 " + DockerJump, "nat POSTROUTING 1 " + Masq, "nat DOCKER 1 " + Db,
             "filter FORWARD 1 " + Drop, "filter FORWARD 2 " + Forward],
            await RulesAsync(admin, host, At(3).AddSeconds(30)));
        Assert.Equal(
            ["nat PREROUTING 1 " + DockerJump, "nat POSTROUTING 1 " + Masq, "nat DOCKER 1 " + Web, "nat DOCKER 2 " + Db,
             "filter FORWARD 1 " + Drop, "filter FORWARD 2 " + Forward],
            await RulesAsync(admin, host, At(10)));
        Assert.Empty(await RulesAsync(admin, host, At(-1)));
    }

    [Fact]
    public async Task Diff_TwoMoments_AddedAndRemovedBetweenThem()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin, Baseline);
        await host.SendAsync(Added(1, "nat", "DOCKER", Db, 2, Port("db", "5432/tcp"), Docker("start", "db")));
        await host.SendAsync(Removed(2, "nat", "POSTROUTING", Masq, 1, Masquerade));
        await host.SendAsync(Added(3, "filter", "FORWARD", Drop, 1));

        var diff = await admin.GetAsync<List<RuleDiff>>(
            $"/api/audit/diff?host={host.Name}&from={Iso(At(0))}&to={Iso(At(2))}");

        Assert.Equal(
            ["nat DOCKER added " + Db, "nat POSTROUTING removed " + Masq],
            diff.Select(d => $"{d.Table} {d.Chain} {WireName.Of(d.Change)} {d.Text}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Snapshot_DiffersFromHistory_RecordedAsExternalResync()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin, Baseline);
        await host.SendAsync(Added(1, "nat", "DOCKER", Db, 2, Port("db", "5432/tcp"), Docker("start", "db")));

        // The agent lost its outbox: the masquerade went and a DROP came while nobody recorded it.
        var observed = new Rule[]
        {
            new("nat", "PREROUTING", 1, DockerJump, RuleOwner.Unknown),
            new("nat", "DOCKER", 1, Web, Port("web", "8080/tcp")),
            new("nat", "DOCKER", 2, Db, Port("db", "5432/tcp")),
            new("filter", "FORWARD", 1, Drop, RuleOwner.Unknown),
            new("filter", "FORWARD", 2, Forward, RuleOwner.Unknown),
        };
        await host.SnapshotAsync(At(5), observed);
        // The same snapshot again is consistent with the history: nothing more is recorded.
        await host.SnapshotAsync(At(6), observed);

        var rows = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}&cause=external");
        Assert.Equal(["added " + Drop, "removed " + Masq], rows.Select(r => $"{WireName.Of(r.Change)} {r.Rule}").Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(new ChangeCause(CauseKind.External, Process: "resync"), r.Cause));
        Assert.Equal(
            observed.Select(r => $"{r.Table} {r.Chain} {r.Index} {r.Text}"),
            await RulesAsync(admin, host, At(10)));
    }

    [Fact]
    public async Task Snapshot_BeforeTheBatchItCovers_NoResyncAndHistoryMatches()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin, Baseline);
        var observed = Baseline.Append(new Rule("nat", "DOCKER", 2, Db, Port("db", "5432/tcp"))).ToArray();

        // The agent reconnects: its snapshot already includes batch 1, which its outbox delivers just after.
        await host.SnapshotAsync(At(5), observed, coveredBatch: 1);
        await host.SendNumberedAsync(1, Added(1, "nat", "DOCKER", Db, 2, Port("db", "5432/tcp"), Docker("start", "db")));

        var rows = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}");
        Assert.Equal(["added " + Db], rows.Select(r => $"{WireName.Of(r.Change)} {r.Rule}"));
        Assert.Equal(
            ["nat PREROUTING 1 " + DockerJump, "nat POSTROUTING 1 " + Masq, "nat DOCKER 1 " + Web, "nat DOCKER 2 " + Db, "filter FORWARD 1 " + Forward],
            await RulesAsync(admin, host, At(10)));
    }

    [Fact]
    public async Task Snapshot_CoveredBatchArrivesAndChangesWereLost_ResyncRecordedOnce()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin, Baseline);
        // Batch 1 adds db's DNAT; meanwhile someone removed the masquerade and that change was never recorded.
        var observed = new Rule[]
        {
            new("nat", "PREROUTING", 1, DockerJump, RuleOwner.Unknown),
            new("nat", "DOCKER", 1, Web, Port("web", "8080/tcp")),
            new("nat", "DOCKER", 2, Db, Port("db", "5432/tcp")),
            new("filter", "FORWARD", 1, Forward, RuleOwner.Unknown),
        };

        await host.SnapshotAsync(At(5), observed, coveredBatch: 1);
        Assert.Empty(await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}"));
        await host.SendNumberedAsync(1, Added(1, "nat", "DOCKER", Db, 2, Port("db", "5432/tcp"), Docker("start", "db")));

        var rows = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}&cause=external");
        Assert.Equal(["removed " + Masq], rows.Select(r => $"{WireName.Of(r.Change)} {r.Rule}"));
        Assert.Equal(observed.Select(r => $"{r.Table} {r.Chain} {r.Index} {r.Text}"), await RulesAsync(admin, host, At(10)));
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    private static async Task<List<string>> RulesAsync(PortalClient client, AuditHost host, DateTimeOffset at) =>
        (await client.GetAsync<List<RuleAtTime>>($"/api/audit/rules?host={host.Name}&at={Iso(at)}"))
            .Select(r => $"{r.Table} {r.Chain} {r.Index} {r.Text}").ToList();
}
