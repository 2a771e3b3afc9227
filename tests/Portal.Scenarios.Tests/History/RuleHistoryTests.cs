using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Portal.Lab.Stack;

namespace Portal.Scenarios.Tests.History;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Issue 5 against the lab: every nat and filter change on docker1, whoever made it, reaches /api/audit with its cause,
/// and the rules rebuilt for a moment equal what iptables-save printed then. Ground truth is iptables-save in the
/// host's namespace, docker inspect and the commands the tests ran themselves. Each runs on docker3 too, whose dockerd
/// writes with iptables-legacy (the agent polls there: xtables-monitor sees only nf_tables).
/// </summary>
public sealed class RuleHistoryTests(ScenarioStack scenario)
{
    public static TheoryData<string> Hosts => ["docker1", "docker3"];

    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(15);

    private PortalStack Stack => scenario.Stack;

    private AuditApiClient Audit => new(Stack.Admin);

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task DockerRunPublish_RecordsDnatAcceptMasquerade_CausedByDockerWithThatContainer(string hostName)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Named(hostName);
        await using var web = await PublishedContainer.RunAsync(host, ct);
        // Three rules per family: on docker3 (IPv6) the ip6tables twins are recorded too, marked ipv6.
        Assert.Equal(
            host.Ipv6 ? ["nat DOCKER", "filter DOCKER", "nat POSTROUTING", "ip6:nat DOCKER", "ip6:filter DOCKER", "ip6:nat POSTROUTING"] : ["nat DOCKER", "filter DOCKER", "nat POSTROUTING"],
            web.Rules.Select(r => r.Table + " " + r.Chain));

        var texts = web.Rules.Select(r => r.Text).ToHashSet();
        var rows = await Audit.WaitRowsAsync(
            $"host={hostName}&container={web.Name}&limit=100", r => r.Count(x => texts.Contains(x.Rule)) >= web.Rules.Count, Arrival, $"the rows of {web.Name}", ct);

        // Its three rules, each added once. Docker may also re-ensure its plumbing during the start (dockerd 20.10 deletes
        // and re-inserts FORWARD's jump to DOCKER-USER): those rows are Docker's too, for the same container, and allowed.
        Assert.Equal(
            web.Rules.Select(r => (r.Table, r.Chain, "added", r.Text)).Order(),
            rows.Where(r => texts.Contains(r.Rule)).Select(r => (r.Table, r.Chain, r.Change, r.Rule)).Order());
        Assert.All(rows, r =>
        {
            Assert.Equal(hostName, r.Host);
            Assert.Equal("docker", r.CauseKind);
            Assert.Equal(web.Name, r.Container);
        });
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task ManualIptables_AppearsAsExternal_WithinASecond(string hostName)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Named(hostName);
        await using var chain = await ManualChain.CreateAsync(host, ct);
        var elapsed = new List<TimeSpan>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var rule = await chain.AddAsync(ct);
            var clock = Stopwatch.StartNew();
            AuditRow? row = null;
            while (row is null && clock.Elapsed < Arrival)
            {
                var rows = await Audit.RowsAsync($"host={hostName}&chain={chain.Name}&limit=20", ct);
                row = rows.FirstOrDefault(r => r.Rule == rule && r.Change == "added");
                if (row is null)
                {
                    await Task.Delay(50, ct);
                }
            }

            Assert.True(row is not null, $"{rule} did not appear within {Arrival.TotalSeconds} s");
            elapsed.Add(clock.Elapsed);
            // Polling (legacy) reads rules, not writers: the writing process is unknown there.
            Assert.Equal(("filter", chain.Name, "external", host.IptablesBackend == "legacy" ? null : "iptables"), (row.Table, row.Chain, row.CauseKind, row.Process));
            TestContext.Current.TestOutputHelper?.WriteLine($"attempt {attempt + 1}: visible through the API {clock.Elapsed.TotalMilliseconds:0} ms after iptables returned");
        }

        // The issue's "within a second", as a polling deadline; the median absorbs one slow attempt on a loaded machine.
        var median = elapsed.Order().ElementAt(1);
        Assert.True(median <= TimeSpan.FromSeconds(1), $"median {median.TotalMilliseconds:0} ms (all: {string.Join(", ", elapsed.Select(e => $"{e.TotalMilliseconds:0}"))})");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task PortalChange_AppearsWithItsUser(string hostName)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Named(hostName);
        using var operatorSession = await Stack.UserAsync("operator", ct);
        var userName = (await operatorSession.GetJsonAsync("/api/auth/me", ct))["userName"]!.GetValue<string>();
        var network = Lab.UniqueName("hist-");
        var subnet = $"172.28.{Random.Shared.Next(0, 256)}";
        try
        {
            var (created, body) = await operatorSession.SendJsonAsync(HttpMethod.Post, $"/api/hosts/{hostName}/networks",
                new { name = network, subnet = subnet + ".0/24", gateway = subnet + ".1", icc = true, masquerade = true }, ct);
            Assert.True(created == HttpStatusCode.OK, $"create network: {(int)created} {body}");
            // The answer comes once Docker made the network; the portal's view of the host follows with the agent's delta.
            await PortalSession.EventuallyAsync(
                async c => (await operatorSession.GetJsonAsync($"/api/hosts/{hostName}/bridges", c)).AsArray()
                    .FirstOrDefault(b => b?["network"]?.GetValue<string>() == network),
                Arrival,
                $"network {network} in the portal's view of {hostName}",
                ct);

            using var inspect = await host.InspectAsync(network, ct);
            var bridge = "br-" + inspect.RootElement.GetProperty("Id").GetString()![..12];
            var drop = $"-A PORTAL-ICC -i {bridge} -o {bridge} -j DROP";

            // Ground truth is the host right after each change answered. Only this network's DROP is asserted on: the
            // shared lab may run another portal stack whose reconciler rewrites the same chain to its own intents.
            var off = await ChangeIccAsync(operatorSession, hostName, network, false, ct);
            var save = await SavedRules.CaptureAsync(host, ct);
            Assert.Contains(drop, save.Of("filter", "PORTAL-ICC"));
            var offRows = await Audit.WaitRowsAsync(
                $"host={hostName}&cause=portal&limit=200", r => r.Any(x => x.Intent == off && x.Rule == drop), Arrival, $"the DROP of intent {off}", ct);
            Assert.Equal("added", offRows.First(r => r.Intent == off && r.Rule == drop).Change);
            Assert.All(offRows.Where(r => r.Intent == off), r => Assert.Equal(("portal", userName), (r.CauseKind, r.User)));

            var on = await ChangeIccAsync(operatorSession, hostName, network, true, ct);
            var saveAfter = await SavedRules.CaptureAsync(host, ct);
            Assert.DoesNotContain(drop, saveAfter.Of("filter", "PORTAL-ICC"));
            var onRows = await Audit.WaitRowsAsync(
                $"host={hostName}&cause=portal&limit=200", r => r.Any(x => x.Intent == on && x.Rule == drop), Arrival, $"the DROP's removal by intent {on}", ct);
            Assert.Equal("removed", onRows.First(r => r.Intent == on && r.Rule == drop).Change);
            Assert.All(onRows.Where(r => r.Intent == on), r => Assert.Equal(("portal", userName), (r.CauseKind, r.User)));
        }
        finally
        {
            await operatorSession.SendJsonAsync(HttpMethod.Delete, $"/api/hosts/{hostName}/networks/{network}", null, CancellationToken.None);
            await host.RemoveByPrefixAsync(network, CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task RulesAtPastMoment_EqualIptablesSaveCapturedThen(string hostName)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Named(hostName);
        await using var chain = await ManualChain.CreateAsync(host, ct);
        var first = await chain.AddAsync(ct);
        await chain.AddAsync(ct);
        await Audit.CatchUpAsync(chain, ct);
        var (t1, before) = await QuietMomentAsync(host, ct);

        await chain.AddAsync(ct);
        await chain.AddAsync(ct);
        await chain.DeleteAsync(first, ct);
        await Audit.CatchUpAsync(chain, ct);
        var (t2, after) = await QuietMomentAsync(host, ct);

        var rulesThen = await Audit.RulesAtAsync(hostName, t1, ct);
        Assert.True(rulesThen.SameAs(before), $"rules at {t1:O} differ from iptables-save then:\n{rulesThen.Explain(before)}");
        var rulesNow = await Audit.RulesAtAsync(hostName, t2, ct);
        Assert.True(rulesNow.SameAs(after), $"rules at {t2:O} differ from iptables-save then:\n{rulesNow.Explain(after)}");

        var diff = await Audit.DiffAsync(hostName, t1, t2, ct);
        Assert.Equal(before.DiffTo(after).Order(), diff.Order());
        Assert.Contains(("filter", chain.Name, "removed", first), diff);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task CsvExport_HasTheRows(string hostName)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Named(hostName);
        await using var web = await PublishedContainer.RunAsync(host, ct);
        var rows = await Audit.WaitRowsAsync(
            $"host={hostName}&container={web.Name}&limit=100", r => r.Count >= web.Rules.Count, Arrival, $"the rows of {web.Name}", ct);

        var csv = await Stack.Admin.Http.GetStringAsync($"/api/audit.csv?host={hostName}&container={web.Name}", ct);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,host,table,chain,change,rule,owner,cause", lines[0]);
        Assert.Equal(rows.Count, lines.Length - 1);
        foreach (var row in rows)
        {
            var line = Assert.Single(lines, l => l.StartsWith(row.Id + ",", StringComparison.Ordinal));
            Assert.Contains($",{hostName},{row.Table},{row.Chain},added,", line);
            Assert.Contains(row.Rule, line);
            Assert.Contains(web.Name, line);
        }

        Assert.Equal(web.Rules.Select(r => r.Text).Order(), rows.Select(r => r.Rule).Order());
    }

    private static async Task<long> ChangeIccAsync(PortalSession session, string host, string network, bool enabled, CancellationToken ct)
    {
        var (status, body) = await session.SendJsonAsync(HttpMethod.Put, $"/api/hosts/{host}/networks/{network}/icc", new { enabled }, ct);
        Assert.True(status == HttpStatusCode.OK, $"ICC {(enabled ? "on" : "off")}: {(int)status} {body}");
        return body!["intent"]!["id"]!.GetValue<long>();
    }

    /// <summary>
    /// A moment at which the host's rules were known: the same iptables-save before and after a quiet interval around
    /// it (other tests share the lab), with room on both sides for the agent to timestamp what it saw.
    /// </summary>
    internal static async Task<(DateTimeOffset At, SavedRules Rules)> QuietMomentAsync(Portal.Lab.LabHost host, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var before = await SavedRules.CaptureAsync(host, ct);
            await Task.Delay(500, ct);
            var at = DateTimeOffset.UtcNow;
            await Task.Delay(500, ct);
            var after = await SavedRules.CaptureAsync(host, ct);
            if (before.SameAs(after))
            {
                return (at, after);
            }
        }

        throw new TimeoutException($"{host.Name}'s rules never held still for a second");
    }
}
