using Bunit;
using Portal.Client.Pages;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Pages;

public sealed class HostPageTests : PortalTestContext
{
    public HostPageTests() => Feed.Host = ClassicPicture.Docker1State();

    [Fact]
    public void HostPage_Rules_GroupedByChainInPacketOrderWithOwnerLabels()
    {
        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForElement("[data-testid=rules-nat]", Patience);
        var natChains = cut.FindAll("[data-testid=rules-nat] .chain-row").Select(r => r.GetAttribute("data-testid")).ToList();
        Assert.Equal(["chain-nat-POSTROUTING", "chain-nat-DOCKER"], natChains);
        var filterChains = cut.FindAll("[data-testid=rules-filter] .chain-row").Select(r => r.GetAttribute("data-testid")).ToList();
        Assert.Equal(["chain-filter-FORWARD", "chain-filter-DOCKER", "chain-filter-DOCKER-USER"], filterChains);

        Assert.Equal("port 8080/tcp -> web:80", Owner(cut, "nat-DOCKER-2"));
        Assert.Equal("masquerade for bridge", Owner(cut, "nat-POSTROUTING-1"));
        Assert.Equal("link client -> web:80/tcp", Owner(cut, "filter-DOCKER-1"));
        Assert.Equal("icc for bridge", Owner(cut, "filter-FORWARD-6"));
        Assert.Equal("DOCKER-USER", Owner(cut, "filter-DOCKER-USER-1"));
        Assert.Equal(
            "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
            cut.Find("[data-testid=rule-row-nat-DOCKER-2] [data-testid=rule-text]").TextContent);
    }

    [Theory]
    [InlineData("nf_tables", "iptables (nf_tables)")]
    [InlineData("legacy", "iptables (legacy)")]
    [InlineData("nftables", "nftables (Docker's own; read-only)")]
    public void HostPage_Header_ShowsDockerVersionAndFirewallBackend(string backend, string shown)
    {
        Feed.Host = ClassicPicture.Docker1State() with { Snapshot = ClassicPicture.Docker1State().Snapshot with { DockerVersion = "20.10.24+dfsg1", IptablesBackend = backend } };

        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Docker 20.10.24+dfsg1", cut.Find("[data-testid=host-docker-version]").TextContent.Trim());
            Assert.Equal(shown, cut.Find("[data-testid=host-firewall]").TextContent.Trim());
        }, Patience);
    }

    [Fact]
    public void HostPage_Ipv6Rules_InTablesOfTheirOwnAndIpv6AddressesShown()
    {
        var state = ClassicPicture.Docker1State();
        var v6 = new Rule("filter", "DOCKER", 1, "-A DOCKER -d fd00:3::242:ac11:2/128 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
            new RuleOwner(RuleOwnerKind.Port, "web", "8080/tcp", "bridge"), Ipv6: true);
        var web = state.Snapshot.Containers.Single(c => c.Name == "web");
        var web6 = web with { Endpoints = [web.Endpoints[0] with { Ipv6 = "fd00:3::242:ac11:2", Ipv6Gateway = "fd00:3::1" }] };
        Feed.Host = state with { Snapshot = state.Snapshot with { Rules = [.. state.Snapshot.Rules, v6], Containers = [.. state.Snapshot.Containers.Where(c => c.Name != "web"), web6] } };

        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(v6.Text, cut.Find("[data-testid=rule-row-ip6-filter-DOCKER-1] [data-testid=rule-text]").TextContent);
            Assert.DoesNotContain(v6.Text, cut.Find("[data-testid=rules-filter]").TextContent, StringComparison.Ordinal);
            Assert.Contains("(IPv6)", cut.Find("[data-testid=rules-ip6-filter]").TextContent, StringComparison.Ordinal);
            Assert.Equal("fd00:3::242:ac11:2", cut.Find("[data-testid=container-ipv6-web]").TextContent.Trim());
        }, Patience);
    }

    [Fact]
    public void HostPage_NftablesHost_DockerBridgesTableShownWithOwners()
    {
        var state = ClassicPicture.Docker1State();
        var dnat = new Rule("docker-bridges", "nat-prerouting-and-output", 1,
            "-A nat-prerouting-and-output iifname != \"docker0\" tcp dport 8080 counter dnat to 172.17.0.2:80 comment \"DNAT\"",
            new RuleOwner(RuleOwnerKind.Port, "web", "8080/tcp", "bridge"));
        Feed.Host = state with { Snapshot = state.Snapshot with { IptablesBackend = "nftables", Rules = [dnat] } };

        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(dnat.Text, cut.Find("[data-testid=rule-row-docker-bridges-nat-prerouting-and-output-1] [data-testid=rule-text]").TextContent);
            Assert.Equal("port 8080/tcp -> web:80", Owner(cut, "docker-bridges-nat-prerouting-and-output-1"));
            Assert.Equal("nftables (Docker's own; read-only)", cut.Find("[data-testid=host-firewall]").TextContent.Trim());
        }, Patience);
    }

    [Fact]
    public void HostPage_BridgesAndContainers_ShowVethOwnersAddressesAndLinks()
    {
        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("client", cut.Find("[data-testid=bridge-iface-veth4d5e6f]").TextContent);
            Assert.Equal("no", cut.Find("[data-testid=bridge-icc-docker0]").TextContent.Trim());
            Assert.Contains("172.17.0.2", cut.Find("[data-testid=container-row-web]").TextContent);
            Assert.Contains("0.0.0.0:8080 -> 80/tcp", cut.Find("[data-testid=container-row-web]").TextContent);
            Assert.Contains("web", cut.Find("[data-testid=container-row-client]").TextContent);
        }, Patience);
    }

    [Fact]
    public async Task HostPage_ContainerStartedBatch_NewRowAppears()
    {
        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));
        cut.WaitForElement("[data-testid=container-row-web]", Patience);
        var started = ClassicPicture.Db with { Id = "id-new", Name = "newcomer" };

        await Feed.Changes.Writer.WriteAsync(
            [new HostChange("docker1", 9, ClassicPicture.Summary("docker1", true, 3),
                Delta: new HostDelta("docker1", 9, DateTimeOffset.UtcNow, UpsertedContainers: [started], RemovedContainers: ["id-client"]))],
            Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() =>
        {
            Assert.Single(cut.FindAll("[data-testid=container-row-newcomer]"));
            Assert.Empty(cut.FindAll("[data-testid=container-row-client]"));
        }, Patience);
    }

    [Fact]
    public async Task HostPage_ChainChangedBatch_OnlyThatChainRedrawnOthersKept()
    {
        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));
        cut.WaitForElement("[data-testid=rule-row-filter-DOCKER-USER-1]", Patience);
        var allow = new Rule("filter", "DOCKER-USER", 1, "-A DOCKER-USER -s 10.8.8.8/32 -j ACCEPT", new RuleOwner(RuleOwnerKind.DockerUser));

        // The delta names one chain: the nat table and the other filter chains are not in it and must stay.
        await Feed.Changes.Writer.WriteAsync(
            [new HostChange("docker1", 9, ClassicPicture.Summary("docker1", true, 2),
                Delta: new HostDelta("docker1", 9, DateTimeOffset.UtcNow, Chains: [new ChainRules("filter", "DOCKER-USER", [allow])]))],
            Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(allow.Text, cut.Find("[data-testid=rule-row-filter-DOCKER-USER-1] [data-testid=rule-text]").TextContent);
            Assert.Equal("port 8080/tcp -> web:80", Owner(cut, "nat-DOCKER-2"));
            Assert.Equal("icc for bridge", Owner(cut, "filter-FORWARD-6"));
        }, Patience);
    }

    [Fact]
    public async Task HostPage_Disposed_CancelsItsSubscription()
    {
        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));
        cut.WaitForElement("[data-testid=container-row-web]", Patience);

        await cut.Instance.DisposeAsync();

        await Feed.SubscriptionCancelled.Task.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);
    }

    private static string Owner(IRenderedComponent<HostPage> cut, string row) =>
        cut.Find($"[data-testid=rule-row-{row}] [data-testid=rule-owner]").TextContent.Trim();
}
