using Portal.Contracts.Model;
using Portal.Lab;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests;

/// <summary>
/// docker3 runs dockerd with --ipv6 --fixed-cidr-v6 fd00:3::/64 --ip6tables (and writes with iptables-legacy): the agent's
/// snapshot must hold its ip6tables rules exactly as ip6tables-legacy-save prints them, marked IPv6 and owned, and each
/// endpoint's IPv6 address and gateway as docker inspect reports them.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class Ipv6SnapshotTests
{
    [Fact]
    public async Task Snapshot_Ipv6Host_RulesAndAddressesEqualIp6tablesSaveAndInspect()
    {
        var ct = TestContext.Current.CancellationToken;
        await TheLab.EnsureDocker3UpAsync(ct);
        var host = TheLab.Docker3;
        var prefix = TheLab.UniqueName("hst-");
        var (web, client) = ($"{prefix}-web", $"{prefix}-client");
        var port = TheLab.HostPort();
        try
        {
            await host.DockerAsync(["run", "-d", "--name", web, "--expose", "80", "-p", $"{port}:80", "busybox", "sleep", "3600"], ct);
            await host.DockerAsync(["run", "-d", "--name", client, "--link", $"{web}:web", "busybox", "sleep", "3600"], ct);

            var (snapshot, save6) = await TakeStableAsync(host, ct);

            Assert.Equal("legacy", snapshot.IptablesBackend);
            var expected = GroundTruth.RulesByChain(save6);
            var actual = snapshot.Rules.Where(r => r.Ipv6).GroupBy(r => r.Table + "/" + r.Chain).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Index).ToList());
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Select(e => e.Chain).Order(), actual.Keys.Order());
            foreach (var (chain, rules) in expected)
            {
                Assert.Equal(rules, actual[chain].Select(r => r.Text));
                Assert.Equal(Enumerable.Range(1, rules.Count), actual[chain].Select(r => r.Index));
            }

            Assert.All(snapshot.Rules.Where(r => r.Ipv6), r => Assert.True(r.Owner.Kind != RuleOwnerKind.Unknown, $"unowned: {r.Table} {r.Text}"));
            var published = snapshot.Rules.Where(r => r.Ipv6 && r.Owner.Container == web).ToList();
            Assert.Equal(["filter DOCKER", "nat DOCKER", "nat POSTROUTING"], published.Select(r => r.Table + " " + r.Chain).Order());
            Assert.All(published, r => Assert.Equal(new RuleOwner(RuleOwnerKind.Port, web, $"{port}/tcp", "bridge"), r.Owner));

            Assert.Equal("fd00:3::/64", snapshot.Bridges.Single(b => b.Name == "docker0").SubnetIpv6);
            foreach (var name in new[] { web, client })
            {
                using var inspect = await host.InspectAsync(name, ct);
                var endpoint = snapshot.Containers.Single(c => c.Name == name).Endpoints.Single(e => e.Network == "bridge");
                var bridge = inspect.RootElement.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty("bridge");
                Assert.StartsWith("fd00:3::", endpoint.Ipv6, StringComparison.Ordinal);
                Assert.Equal((bridge.GetProperty("GlobalIPv6Address").GetString(), bridge.GetProperty("IPv6Gateway").GetString()), (endpoint.Ipv6, endpoint.Ipv6Gateway));
                Assert.Equal(bridge.GetProperty("IPAddress").GetString(), endpoint.Ipv4);
            }
        }
        finally
        {
            await host.RemoveByPrefixAsync(prefix, ct);
        }
    }

    /// <summary>A snapshot taken while the host's ip6tables rules stood still: the same ip6tables-save before and after.</summary>
    private static async Task<(HostSnapshot Snapshot, string Save6)> TakeStableAsync(LabHost host, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await host.Ip6tablesSaveAsync(ct);
            var snapshot = await AgentSnapshot.TakeAsync(host, ct);
            var after = await host.Ip6tablesSaveAsync(ct);
            if (RuleLines(before) == RuleLines(after) || attempt == 6)
            {
                return (snapshot, after);
            }
        }
    }

    // Tables and rules only: the timestamps of the comment lines and the counters move on their own.
    private static string RuleLines(string save) =>
        string.Join('\n', save.Split('\n').Where(l => l.StartsWith('*') || l.StartsWith("-A ", StringComparison.Ordinal)));
}
