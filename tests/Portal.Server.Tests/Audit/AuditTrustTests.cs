using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Server.Tests.Changes;
using Portal.Server.Tests.Infrastructure;
using static Portal.Server.Tests.Audit.AuditHost;

namespace Portal.Server.Tests.Audit;

/// <summary>
/// History the server believes: portal causes only as the server sent the commands, no rows from the future or from
/// before the host existed.
/// </summary>
public sealed class AuditTrustTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RuleChanges_PortalCauses_OnlyAsTheServerSentThem()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await RegisteredAsync(factory, host.Name, DateTimeOffset.UtcNow.AddDays(-1));
        await using var agent = await FakeAgent.ConnectAsync(factory, host, ChangeHosts.Classic(host.Name));
        using var op = await PortalClient.WithRoleAsync(factory, Roles.Operator);
        await Eventually.TrueAsync(async () => (await op.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Containers == 2, "the snapshot is in");
        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host.Name}/links", new LinkRequest("client", "web", "web"));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var intent = ChangeClient.Read(body).Intent!;
        var sent = await agent.NextAsync<RecreateContainerCommand>();
        Assert.Equal((intent.Id, intent.User), (sent.Intent, sent.User));
        var now = DateTimeOffset.UtcNow;

        var batch = new RuleChangeBatch(host.Name, Guid.NewGuid(), 1, now, [
            Row(now, "-A DOCKER -j TRUE", new ChangeCause(CauseKind.Portal, User: intent.User, Intent: intent.Id)),
            Row(now, "-A DOCKER -j OTHER-USER", new ChangeCause(CauseKind.Portal, User: "mallory", Intent: intent.Id)),
            Row(now, "-A DOCKER -j NEVER-SENT", new ChangeCause(CauseKind.Portal, User: intent.User, Intent: intent.Id + 1000)),
            Row(now.AddHours(-1), "-A DOCKER -j BEFORE-SENT", new ChangeCause(CauseKind.Portal, User: intent.User, Intent: intent.Id)),
            Row(now, "-A DOCKER -j DOCKERS", new ChangeCause(CauseKind.Docker, Action: "start", Container: "web")),
        ]);
        await agent.Agent.SendAsync(AgentHubMethods.RuleChanges, batch);

        var causes = (await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}"))
            .ToDictionary(r => r.Rule.Split(' ')[^1], r => r.Cause);
        Assert.Equal(new ChangeCause(CauseKind.Portal, User: intent.User, Intent: intent.Id), causes["TRUE"]);
        Assert.Equal(new ChangeCause(CauseKind.Portal, User: intent.User, Intent: intent.Id), causes["OTHER-USER"]);
        Assert.Equal(ChangeCause.External, causes["NEVER-SENT"]);
        Assert.Equal(ChangeCause.External, causes["BEFORE-SENT"]);
        Assert.Equal(new ChangeCause(CauseKind.Docker, Action: "start", Container: "web"), causes["DOCKERS"]);
    }

    [Fact]
    public async Task RuleChanges_FutureAndBeforeRegistration_RowsRefusedRestStoredAndBatchAcknowledged()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        var now = DateTimeOffset.UtcNow;

        // Completes without error: the agent drops the batch from its outbox instead of sending it forever.
        await host.SendAsync(
            Added(1, "filter", "FORWARD", "-A FORWARD -j IN-TIME", 1),
            Added(-3 * 24 * 60, "filter", "FORWARD", "-A FORWARD -j BEFORE-REGISTERED", 1),
            Row(now.AddMinutes(10), "-A DOCKER -j FUTURE", External),
            Row(now.AddDays(400), "-A DOCKER -j FAR-FUTURE", External),
            Row(now.AddSeconds(30), "-A DOCKER -j SKEWED", External));

        var rules = (await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}")).Select(r => r.Rule.Split(' ')[^1]);
        Assert.Equal(["IN-TIME", "SKEWED"], rules.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RuleChanges_OverTheHostsRate_RefusedUntilTheBucketRefillsOtherHostsUnaffected()
    {
        await using var limited = new PortalFactory
        {
            Settings = { ["Portal:Audit:IngestRowsPerSecond"] = "2", ["Portal:Audit:IngestBurstRows"] = "4" },
        };
        using var admin = await PortalClient.AdminAsync(limited);
        await using var host = await StartAsync(limited, admin);
        await using var other = await StartAsync(limited, admin);

        // A batch larger than the burst still goes through (honest agents are slowed, never stuck)...
        var admitted = DateTimeOffset.UtcNow;
        await host.SendAsync([.. Enumerable.Range(1, 6).Select(i => Added(1, "filter", "FORWARD", $"-A FORWARD -j R{i}", i))]);
        // ...and the next one waits until the debt is paid.
        var next = new RuleChangeBatch(host.Name, host.Journal, 2, At(2), [Added(2, "filter", "FORWARD", "-A FORWARD -j R7", 7)]);
        var refused = await Assert.ThrowsAsync<HubException>(() => host.SendAsync(next));
        Assert.Contains("rate", refused.Message, StringComparison.Ordinal);
        Assert.Equal(6, (await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}")).Count);
        await other.SendAsync(Added(1, "filter", "FORWARD", "-A FORWARD -j O1", 1));

        // The agent's outbox sends the same batch again a little later, as Portal.Host does: nothing is lost.
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await host.SendAsync(next);
                    return true;
                }
                catch (HubException)
                {
                    return false;
                }
            },
            "the refused batch is accepted later");
        // 6 rows from a bucket of 4 at 2 rows/s: not before the debt of 2 is paid, one second later.
        Assert.True(DateTimeOffset.UtcNow - admitted > TimeSpan.FromSeconds(1), "accepted before the bucket refilled");
        Assert.Equal(7, (await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}")).Count);
    }

    [Fact]
    public async Task Csv_CellsThatWouldBeFormulas_PrefixedWithAQuote()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        await host.SendAsync(
            Added(1, "filter", "@SUM(A1)", "=HYPERLINK(\"http://evil.example\",\"x\")", 1),
            Added(2, "filter", "+CHAIN", "-A FORWARD -j ACCEPT", 1),
            Added(3, "filter", "FORWARD", "plain", 1));

        var lines = (await admin.Http.GetStringAsync($"/api/audit.csv?host={host.Name}", Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.EndsWith($",{host.Name},filter,FORWARD,added,plain,unknown,external (iptables)", lines[1]);
        Assert.EndsWith($",{host.Name},filter,'+CHAIN,added,'-A FORWARD -j ACCEPT,unknown,external (iptables)", lines[2]);
        Assert.EndsWith($",{host.Name},filter,'@SUM(A1),added,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",unknown,external (iptables)", lines[3]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-A DOCKER -j RETURN", "'-A DOCKER -j RETURN")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    public void CsvField_FormulaStarts_Neutralised(string value, string expected) =>
        Assert.Equal(expected, Portal.Server.Audit.AuditCsv.Field(value));

    private static RuleChange Row(DateTimeOffset at, string text, ChangeCause cause) =>
        new(at, "nat", "DOCKER", ChangeKind.Added, text, RuleOwner.Unknown, cause, 1);
}
