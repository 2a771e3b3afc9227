using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Portal.Contracts.Intents;
using Portal.Lab;
using Portal.Lab.Stack;

namespace Portal.Replicas.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Two replicas behind a balancer, one lab host: its agent on A, a browser and the changes on B; then A killed. Ground
/// truth is the lab host's own iptables-save and docker; the portal's answers come from B.
/// </summary>
public sealed class TwoReplicaTests
{
    private const string Chain = "PORTAL-ICC";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AgentOnA_BrowserAndChangeOnB_ThenAKilled_AgentMovesToB_NothingLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Docker1;
        await using var set = await ReplicaSet.StartAsync(ct);
        using var onB = await set.AdminOnAsync(set.B, ct);
        using var onA = await set.AdminOnAsync(set.A, ct);
        await set.RegisterAsync(onB, host, ct);
        var agent = set.StartAgent(host);

        // The balancer gives the agent to A; B lists the host online all the same.
        await Until(() => Task.FromResult(set.A.HoldsAgentOf(host.Name)), "the agent connected to A", ct, agent);
        Assert.False(set.B.HoldsAgentOf(host.Name));
        await Until(async () => await OnlineAsync(onB, host.Name), "B lists the host online", ct, agent);

        var p = Lab.UniqueName("rep-");
        var net = p + "-net";
        await using var browser = await LiveBrowser.WatchAsync(onB, host.Name, ct);
        try
        {
            // Live on B: a container started natively reaches B's browser, and B's state API has it.
            var secret = "s3cret-" + Guid.NewGuid().ToString("N")[..8];
            await host.DockerAsync(["run", "-d", "--name", p + "-a", "-e", "DB_PASSWORD=" + secret, "busybox", "sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"], ct);
            var change = await LiveBrowser.NextAsync(
                browser.Changes,
                c => c.Delta?.UpsertedContainers?.Any(x => x.Name == p + "-a") == true || c.Resync,
                Patience,
                ct);
            Assert.Equal(host.Name, change.Host);
            await Until(async () => (await onB.Http.GetAsync($"/api/hosts/{host.Name}/containers/{p}-a", ct)).IsSuccessStatusCode, "B's state has the container", ct, agent);
            // Sealed by A at ingest, revealed by B: the vault travels with the state, the key ring is shared in Redis.
            var (revealStatus, revealed) = await onB.SendJsonAsync(HttpMethod.Post, $"/api/hosts/{host.Name}/containers/{p}-a/env/DB_PASSWORD/reveal", null, ct);
            Assert.True(revealStatus == HttpStatusCode.OK, $"reveal on B: {(int)revealStatus} {revealed?.ToJsonString()}");
            Assert.Equal(secret, revealed!["value"]!.GetValue<string>());

            // A change asked of B, carried out by the agent on A, answered by B.
            var created = await ApplyAsync(onB, HttpMethod.Post, $"/api/hosts/{host.Name}/networks", new { name = net, icc = true }, ct);
            Assert.Equal("applied", created["intent"]!["status"]!.GetValue<string>());
            var bridge = "br-" + (await InspectAsync(host, net, ct))["Id"]!.GetValue<string>()[..12];
            var off = await ApplyAsync(onB, HttpMethod.Put, $"/api/hosts/{host.Name}/networks/{net}/icc", new { enabled = false }, ct);
            var offIntent = off["intent"]!["id"]!.GetValue<long>();
            Assert.Equal("applied", off["intent"]!["status"]!.GetValue<string>());
            var drop = $"-A {Chain} -i {bridge} -o {bridge} -j DROP";
            var accept = $"-A {Chain} -i {bridge} -o {bridge} -j ACCEPT";
            Assert.Contains(drop, await ChainAsync(host, ct));
            await LiveBrowser.NextAsync(browser.Intents, i => i.Id == offIntent && i.Status == IntentStatus.Applied, Patience, ct);
            Assert.False(set.B.HoldsAgentOf(host.Name), "the agent stayed on A throughout");
            // The history reached A, the command left B: the rule is the portal's, by admin, for that intent.
            await Until(
                async () => (await RowsAsync(onB, host.Name, ct)).Any(r => Is(r, drop, "added") && Cause(r, "kind") == "portal" && Cause(r, "user") == ReplicaSet.AdminUser && r["cause"]!["intent"]?.GetValue<long>() == offIntent),
                "the DROP rule in history as the portal's, by admin",
                ct,
                agent);

            // A change left pending on A: the agent is frozen, A stores the intent and sends the command, then dies.
            await SignalAsync(agent, "STOP", ct);
            var pendingOnA = onA.Http.PutAsync($"/api/hosts/{host.Name}/networks/{net}/icc", JsonContent(new { enabled = true }), ct);
            var pending = await Until(
                async () => (await IntentsAsync(onB, host.Name, ct)).FirstOrDefault(i => i["kind"]!.GetValue<string>() == "icc" && i["status"]!.GetValue<string>() == "pending" && i["id"]!.GetValue<long>() > offIntent),
                "the ICC-on intent pending (stored by A)",
                ct,
                agent);
            var pendingId = pending["id"]!.GetValue<long>();
            await set.A.Process.KillAsync(ct);
            await SignalAsync(agent, "CONT", ct);
            await Assert.ThrowsAnyAsync<Exception>(async () => (await pendingOnA).EnsureSuccessStatusCode());

            // The agent reconnects through the balancer to B, and B's reconciler finishes what A started.
            await Until(() => Task.FromResult(set.B.HoldsAgentOf(host.Name)), "the agent connected to B", ct, agent);
            await Until(async () => await OnlineAsync(onB, host.Name), "B lists the host online again", ct, agent);
            await Until(
                async () => (await IntentsAsync(onB, host.Name, ct)).Any(i => i["id"]!.GetValue<long>() == pendingId && i["status"]!.GetValue<string>() == "applied"),
                "the pending intent applied by B",
                ct,
                agent);
            await Until(async () => (await ChainAsync(host, ct)).Contains(accept), "ICC on in the kernel", ct, agent);
            Assert.DoesNotContain(drop, await ChainAsync(host, ct));
            Assert.True(set.Balancer.Accepted[1] > 0, "the balancer sent a connection to B");

            // History: each transition of the bridge's rule exactly once, no resync (a gap would have been one).
            var rows = await Until(
                async () => await RowsAsync(onB, host.Name, ct) is var all && all.Any(r => Is(r, accept, "added")) && all.Any(r => Is(r, drop, "removed")) ? all : null,
                "the ICC-on change in history",
                ct,
                agent);
            var history = string.Join('\n', rows.Select(r => r.ToJsonString()));
            Assert.True(rows.Count(r => Is(r, drop, "added")) == 1, "DROP added once:\n" + history);
            Assert.True(rows.Count(r => Is(r, drop, "removed")) == 1, "DROP removed once:\n" + history);
            Assert.True(rows.Count(r => Is(r, accept, "added")) == 1, "ACCEPT added once:\n" + history);
            var everything = (await onB.GetJsonAsync($"/api/audit?host={host.Name}&limit=5000", ct)).AsArray();
            Assert.DoesNotContain(everything, r => r!["cause"]?["process"]?.GetValue<string>() == "resync");
        }
        finally
        {
            var names = (await host.DockerAsync(["ps", "-a", "--format", "{{.Names}}"], ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => n.StartsWith(p, StringComparison.Ordinal)).ToList();
            if (names.Count > 0)
            {
                await host.DockerAsync(["rm", "-f", .. names], ct);
            }

            await onB.SendJsonAsync(HttpMethod.Delete, $"/api/hosts/{host.Name}/networks/{net}", null, ct);
            await host.RemoveByPrefixAsync(p, ct);
        }
    }

    private static bool Is(JsonNode row, string rule, string change) =>
        row["rule"]!.GetValue<string>() == rule && row["change"]!.GetValue<string>() == change;

    private static string? Cause(JsonNode row, string field) => row["cause"]?[field]?.GetValue<string>();

    private static async Task<List<JsonNode>> RowsAsync(PortalSession session, string host, CancellationToken ct) =>
        [.. (await session.GetJsonAsync($"/api/audit?host={host}&chain={Chain}&limit=1000", ct)).AsArray().Select(r => r!)];

    private static async Task<List<JsonNode>> IntentsAsync(PortalSession session, string host, CancellationToken ct) =>
        [.. (await session.GetJsonAsync($"/api/intents?host={host}", ct)).AsArray().Select(i => i!)];

    private static async Task<bool> OnlineAsync(PortalSession session, string host) =>
        (await session.GetJsonAsync("/api/hosts", CancellationToken.None)).AsArray().Any(h => h!["name"]!.GetValue<string>() == host && h["online"]!.GetValue<bool>());

    private static async Task<List<string>> ChainAsync(LabHost host, CancellationToken ct) =>
        [.. (await host.IptablesSaveAsync("filter", ct)).Split('\n').Where(l => l.StartsWith($"-A {Chain} ", StringComparison.Ordinal))];

    private static async Task<JsonNode> InspectAsync(LabHost host, string name, CancellationToken ct)
    {
        using var document = await host.InspectAsync(name, ct);
        return JsonNode.Parse(document.RootElement.GetRawText())!;
    }

    private static async Task<JsonNode> ApplyAsync(PortalSession session, HttpMethod method, string path, object body, CancellationToken ct)
    {
        var (status, answer) = await session.SendJsonAsync(method, path, body, ct);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {(int)status} {answer?.ToJsonString()}");
        return answer!;
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static async Task SignalAsync(RunningProcess process, string signal, CancellationToken ct)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(ct);
        Assert.Equal(0, kill.ExitCode);
    }

    private static Task Until(Func<Task<bool>> condition, string what, CancellationToken ct, RunningProcess agent) =>
        Until<object>(async () => await condition() ? true : null, what, ct, agent);

    private static Task<T> Until<T>(Func<Task<T?>> probe, string what, CancellationToken ct, RunningProcess agent) where T : class =>
        PortalSession.EventuallyAsync(_ => probe(), Patience, what + "; the agent said:\n" + agent.Output, ct);
}
