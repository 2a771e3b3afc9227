using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Iptables;
using Portal.Server.Tests.Infrastructure;
using static Portal.Server.Tests.Audit.AuditHost;

namespace Portal.Server.Tests.Audit;

/// <summary>
/// ip6tables history beside iptables history on one host: the same table and chain names in both families, kept apart
/// in the rows, the rules at a moment, the diff and the snapshot check (as docker3 of the lab sends them).
/// </summary>
public sealed class AuditIpv6HistoryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Accept4 = "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
    private const string Accept6 = "-A DOCKER -d fd00:3::242:ac11:2/128 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
    private const string Masq6 = "-A POSTROUTING -s fd00:3::/64 ! -o docker0 -j MASQUERADE";

    private static readonly RuleOwner Web = Port("web", "8080/tcp");

    private static readonly Rule[] Baseline =
    [
        new("filter", "DOCKER", 1, Accept4, Web),
        new("nat", "POSTROUTING", 1, Masq6, Masquerade, Ipv6: true),
    ];

    [Fact]
    public async Task Ipv6Changes_KeptApartFromTheIpv4ChainOfTheSameName()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin, Baseline);
        await host.SendAsync(Added(1, "filter", "DOCKER", Accept6, 1, Web, Docker("start", "web")) with { Ipv6 = true });
        await host.SendAsync(Removed(2, "filter", "DOCKER", Accept4, 1, Web, Docker("stop", "web")));

        var rows = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}");
        Assert.Equal(
            ["filter DOCKER removed ipv4 " + Accept4, "filter DOCKER added ipv6 " + Accept6],
            rows.Select(r => $"{r.Table} {r.Chain} {WireName.Of(r.Change)} {(r.Ipv6 ? "ipv6" : "ipv4")} {r.Rule}"));

        // At minute 1 both chains named filter DOCKER hold one rule each, at index 1: had the families been one chain,
        // the IPv6 rule would have gone before (or replaced) the IPv4 one.
        Assert.Equal(
            ["filter DOCKER 1 ipv4 " + Accept4, "nat POSTROUTING 1 ipv6 " + Masq6, "filter DOCKER 1 ipv6 " + Accept6],
            await RulesAsync(admin, host, At(1).AddSeconds(30)));
        Assert.Equal(
            ["nat POSTROUTING 1 ipv6 " + Masq6, "filter DOCKER 1 ipv6 " + Accept6],
            await RulesAsync(admin, host, At(10)));

        var diff = await admin.GetAsync<List<RuleDiff>>($"/api/audit/diff?host={host.Name}&from={Iso(At(0))}&to={Iso(At(10))}");
        Assert.Equal(
            ["filter DOCKER added ipv6 " + Accept6, "filter DOCKER removed ipv4 " + Accept4],
            diff.Select(d => $"{d.Table} {d.Chain} {WireName.Of(d.Change)} {(d.Ipv6 ? "ipv6" : "ipv4")} {d.Text}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Snapshot_WithIpv6RulesEqualToHistory_NoResync()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin, Baseline);
        await host.SendAsync(Added(1, "filter", "DOCKER", Accept6, 1, Web, Docker("start", "web")) with { Ipv6 = true });

        // The agent's next snapshot: an IPv4 and an IPv6 chain both named filter DOCKER, each with one rule.
        await host.SnapshotAsync(At(5), [.. Baseline, new Rule("filter", "DOCKER", 1, Accept6, Web, Ipv6: true)], coveredBatch: 1);

        var rows = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}");
        Assert.Equal(["added " + Accept6], rows.Select(r => $"{WireName.Of(r.Change)} {r.Rule}"));
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    private static async Task<List<string>> RulesAsync(PortalClient client, AuditHost host, DateTimeOffset at) =>
        (await client.GetAsync<List<RuleAtTime>>($"/api/audit/rules?host={host.Name}&at={Iso(at)}"))
            .Select(r => $"{r.Table} {r.Chain} {r.Index} {(r.Ipv6 ? "ipv6" : "ipv4")} {r.Text}").ToList();
}
