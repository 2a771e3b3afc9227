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
