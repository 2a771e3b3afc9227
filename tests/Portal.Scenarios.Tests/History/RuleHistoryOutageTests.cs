using System.Net;
using Portal.Lab.Stack;

namespace Portal.Scenarios.Tests.History;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Issue 5's "nothing lost": rule changes made while the server is down, or around an agent killed with SIGKILL, all
/// reach the history once. These stop parts of the shared stack, so they run alone.
/// </summary>
[Collection(nameof(DaemonRestarts))]
public sealed class RuleHistoryOutageTests(ScenarioStack scenario)
{
    private PortalStack Stack => scenario.Stack;

    [Fact]
    public async Task ServerDown_ChangesWhileDown_EachAppearsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await ManualChain.CreateAsync(Lab.Docker1, ct);
        await new AuditApiClient(Stack.Admin).CatchUpAsync(chain, ct);

        var made = new List<string>();
        await Stack.StopServerAsync(ct);
        try
        {
            for (var i = 0; i < 5; i++)
            {
                made.Add(await chain.AddAsync(ct));
            }
        }
        finally
        {
            await Stack.StartServerAsync(ct);
        }

        using var session = await SessionAfterRestartAsync(ct);
        var audit = new AuditApiClient(session);
        await WaitOnlineAsync(session, "docker1", ct);
        var query = $"host=docker1&chain={chain.Name}&limit=1000";
        await audit.WaitRowsAsync(query, rows => made.All(m => rows.Any(r => r.Rule == m)), TimeSpan.FromSeconds(30), "the changes made while the server was down", ct);

        // Both the agent's outbox and its snapshot tell the server about these changes; give a duplicate time to land.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var settled = await audit.RowsAsync(query, ct);
        foreach (var rule in made)
        {
            var rows = settled.Where(r => r.Rule == rule).ToList();
            Assert.True(rows.Count == 1, $"{rule} appears {rows.Count} times:\n{string.Join('\n', rows)}");
            Assert.Equal(("added", "external"), (rows[0].Change, rows[0].CauseKind));
        }
    }

    [Fact]
    public async Task AgentKilled_Sigkill_NothingLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var audit = new AuditApiClient(Stack.Admin);
        await using var chain = await ManualChain.CreateAsync(Lab.Docker1, ct);
        await audit.CatchUpAsync(chain, ct);

        var present = new List<string>();
        var everAdded = new List<string>();
        async Task ChangeAsync(int i)
        {
            var rule = await chain.AddAsync(ct);
            present.Add(rule);
            everAdded.Add(rule);
            if (i % 3 == 2)
            {
                await chain.DeleteAsync(present[0], ct);
                present.RemoveAt(0);
            }
        }

        try
        {
            // Changes before, during and after the kill: some are recorded, some pending in the outbox, some unseen.
            for (var i = 0; i < 6; i++)
            {
                await ChangeAsync(i);
            }

            var kill = Stack.Agent("docker1").KillAsync(ct);
            for (var i = 6; i < 12; i++)
            {
                await ChangeAsync(i);
            }

            await kill;
            for (var i = 12; i < 18; i++)
            {
                await ChangeAsync(i);
            }
        }
        finally
        {
            if (Stack.Agent("docker1").HasExited)
            {
                Stack.StartAgent(Lab.Docker1);
            }
        }

        await Stack.WaitOnlineAsync("docker1", true, ct);
        await audit.CatchUpAsync(chain, ct);

        // The rebuilt rules for now equal iptables-save (polled: other tests may change docker1 at the same time).
        SavedRules? history = null;
        SavedRules? truth = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            truth = await SavedRules.CaptureAsync(Lab.Docker1, ct);
            history = await audit.RulesAtAsync("docker1", DateTimeOffset.UtcNow.AddSeconds(1), ct);
            if (history.SameAs(truth))
            {
                break;
            }

            await Task.Delay(500, ct);
        }

        Assert.True(history!.SameAs(truth!), $"rules rebuilt from history differ from iptables-save:\n{history.Explain(truth!)}");
        Assert.Equal(present, history.Of("filter", chain.Name));

        // Nothing twice: a rule is added once at most, and each one still there was recorded as added.
        var rows = await audit.RowsAsync($"host=docker1&chain={chain.Name}&limit=1000", ct);
        foreach (var rule in everAdded)
        {
            var added = rows.Count(r => r.Rule == rule && r.Change == "added");
            Assert.True(added <= 1, $"{rule} added {added} times:\n{string.Join('\n', rows.Where(r => r.Rule == rule))}");
            Assert.True(!present.Contains(rule) || added == 1, $"{rule} is on the host but its addition is not in the history");
        }
    }

    private async Task<PortalSession> SessionAfterRestartAsync(CancellationToken ct)
    {
        // The admin's cookie should survive a restart (keys persist under ~/.aspnet); a fresh session either way.
        using (var check = await Stack.Admin.Http.GetAsync("/api/auth/me", ct))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"admin cookie after the restart: {(int)check.StatusCode}");
        }

        return await PortalSession.SignInAsync(Stack.Url, PortalStack.AdminUser, Stack.AdminPassword, ct);
    }

    private static Task WaitOnlineAsync(PortalSession session, string host, CancellationToken ct) =>
        PortalSession.EventuallyAsync(
            async c =>
            {
                var hosts = await session.GetJsonAsync("/api/hosts", c);
                return hosts.AsArray().FirstOrDefault(h => h?["name"]?.GetValue<string>() == host && h["online"]?.GetValue<bool>() == true);
            },
            TimeSpan.FromSeconds(60),
            $"{host} online after the server restart",
            ct);
}
