using System.Threading.Channels;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.FleetSim.Browsers;
using Portal.FleetSim.Fleet;
using Portal.FleetSim.Hosts;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Fleet;

/// <summary>
/// The fleet simulator's agents and browsers against the real server: if the agent protocol or the live feed drifts
/// from what the simulator speaks, its figures would measure nothing, and this fails.
/// </summary>
public sealed class FleetSimulatorProtocolTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SimulatedFleet_ThreeHosts_OnlineWithTheirStateAndEachHostsLastChangeReachesTheBrowser()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var admin = await PortalClient.AdminAsync(factory);
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var endpoint = new FleetEndpoint(factory.Server.BaseAddress, () => factory.Server.CreateHandler());
        var counters = new FleetCounters();
        var latencies = new LatencyRecorder();
        var seen = Channel.CreateUnbounded<HostChange>();
        await using var browser = new SimulatedBrowser(endpoint, viewer.CookieHeader, latencies, c => seen.Writer.TryWrite(c));
        await browser.StartAsync(cancellationToken);

        var agents = new List<SimulatedAgent>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var host = await admin.CreateHostAsync();
                await browser.WatchAsync(host.Name, cancellationToken);
                var agent = new SimulatedAgent(endpoint, host.Token, new SyntheticHost(host.Name, containers: 5, rules: 60), counters);
                agents.Add(agent);
                await agent.StartAsync(cancellationToken);
            }

            foreach (var agent in agents)
            {
                var summary = await admin.GetAsync<HostSummary>($"/api/hosts/{agent.Host.Name}");
                Assert.True(summary.Online);
                Assert.Equal((1, 5, 60), (summary.Bridges, summary.Containers, summary.Rules));
                var dnat = await admin.GetAsync<List<Rule>>($"/api/hosts/{agent.Host.Name}/rules?table=nat&chain=DOCKER");
                Assert.Equal(new RuleOwner(RuleOwnerKind.Port, Container: "app-0", Port: "10000/tcp", Network: "bridge"), dnat[1].Owner);
            }

            // Each host starts a container (two published ports), and the next change removes it again.
            foreach (var agent in agents)
            {
                await agent.ChangeAsync(cancellationToken);
            }

            foreach (var agent in agents)
            {
                var summary = await admin.GetAsync<HostSummary>($"/api/hosts/{agent.Host.Name}");
                Assert.Equal((6, 66), (summary.Containers, summary.Rules));
                await agent.ChangeAsync(cancellationToken);
            }

            // Two deltas of one host within the live feed's 50 ms are merged into one message (by design: a burst is one
            // render), which a loaded machine's thread pool can cause here too: each host's last change must arrive, as
            // one to two messages, each with its latency (or in the
            // resync of the agent's first snapshot).
            var last = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            var messages = 0;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            while (last.Count < 3 || last.Values.Any(s => s < 2))
            {
                var change = await seen.Reader.ReadAsync(timeout.Token);
                if (change.Delta is { } delta)
                {
                    Assert.Equal(change.Host, delta.Host);
                    Assert.True(delta.Sequence > last.GetValueOrDefault(delta.Host), $"{delta.Host}: delta {delta.Sequence} after {last.GetValueOrDefault(delta.Host)}");
                    last[delta.Host] = delta.Sequence;
                    messages++;
                }
                else if (change.Resync && change.Sequence > last.GetValueOrDefault(change.Host))
                {
                    // The agent's first snapshot, still unsent when a delta came, carries it: the page fetches the state.
                    last[change.Host] = change.Sequence;
                }
            }

            Assert.Equal([.. agents.Select(a => (a.Host.Name, 2L)).Order()], last.Select(p => (p.Key, p.Value)).Order());
            Assert.InRange(messages, 1, 6);
            Assert.Equal(messages, latencies.Take().Length);
            Assert.Equal((6L, 0L, 0L), (counters.SentCount, counters.FailedCount, counters.SnapshotRequests));

            foreach (var agent in agents)
            {
                var summary = await admin.GetAsync<HostSummary>($"/api/hosts/{agent.Host.Name}");
                Assert.Equal((5, 60), (summary.Containers, summary.Rules));
                var history = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={agent.Host.Name}");
                var docker = history.Where(r => r.Cause.Kind == CauseKind.Docker).ToList();
                Assert.Equal(12, docker.Count);
                Assert.Contains(docker, r => r.Change == ChangeKind.Added && r.Table == "nat" && r.Chain == "DOCKER"
                    && r.Owner == new RuleOwner(RuleOwnerKind.Port, Container: "job-5", Port: "10040/tcp", Network: "bridge") && r.Cause.Container == "job-5");
            }
        }
        finally
        {
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }
        }
    }
}
