using Bunit;
using Portal.Client.Live;
using Portal.Client.Pages;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;

namespace Portal.Client.Tests.Pages;

public sealed class HomeTests : PortalTestContext
{
    public HomeTests()
    {
        Api.Bridges["docker1"] = [ClassicPicture.Docker0];
        Api.Bridges["docker2"] = [ClassicPicture.Docker0];
        Api.Containers["docker1"] = [ClassicPicture.Web, ClassicPicture.Client];
        Api.Containers["docker2"] = [ClassicPicture.Db];
        Feed.Hosts = HostListState.From([ClassicPicture.Summary("docker1", true, 2), ClassicPicture.Summary("docker2", true, 1)]);
    }

    [Fact]
    public void Home_Subscribed_RendersEachHostWithOnlineStateAndCounts()
    {
        var cut = Context.Render<Home>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("online", cut.Find("[data-testid=host-online-docker1]").TextContent.Trim());
            Assert.Equal("2", cut.Find("[data-testid=host-containers-docker1]").TextContent);
            Assert.Equal("1", cut.Find("[data-testid=host-containers-docker2]").TextContent);
            Assert.Contains("20.10.24", cut.Find("[data-testid=host-row-docker2]").TextContent);
        }, Patience);
    }

    [Fact]
    public async Task Home_ChangeBatchArrives_HostGoesOfflineAndNewHostAppearsWithoutReload()
    {
        var cut = Context.Render<Home>();
        cut.WaitForElement("[data-testid=host-row-docker2]", Patience);

        await Feed.Changes.Writer.WriteAsync(
        [
            new HostChange("docker2", 5, ClassicPicture.Summary("docker2", false, 1)),
            new HostChange("docker3", 1, ClassicPicture.Summary("docker3", true, 4)),
        ], Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("offline", cut.Find("[data-testid=host-online-docker2]").TextContent.Trim());
            Assert.Equal("4", cut.Find("[data-testid=host-containers-docker3]").TextContent);
        }, Patience);
    }

    [Fact]
    public void Home_SameAddressOnTwoHosts_ZonesDiagramHighlightsBoth()
    {
        var cut = Context.Render<Home>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", cut.Find("[data-testid=zone-container-docker1-web]").GetAttribute("data-shared"));
            Assert.Equal("true", cut.Find("[data-testid=zone-container-docker2-db]").GetAttribute("data-shared"));
            Assert.Equal("false", cut.Find("[data-testid=zone-container-docker1-client]").GetAttribute("data-shared"));
            Assert.Contains("172.17.0.2", cut.Find("[data-testid=zones-shared]").TextContent);
            Assert.Contains("172.17.0.0/16", cut.Find("[data-testid=zone-bridge-docker1-docker0]").TextContent);
        }, Patience);
    }

    [Fact]
    public void Home_PublicAddressMapped_ShownOnThePhysicalNetworkAndOnItsContainer()
    {
        Api.Addresses["docker1"] =
        [
            new AddressView("10.20.30.200", "eth0", "web", null, 7, IntentStatus.Applied, null, "172.17.0.2", true, true),
            new AddressView("10.20.30.201", "eth0", "client", ["80/tcp"], 8, IntentStatus.Pending, null, null, false, false),
        ];

        var cut = Context.Render<Home>();

        cut.WaitForAssertion(() =>
        {
            var held = cut.Find("[data-testid='zone-public-docker1-10.20.30.200']");
            Assert.Equal("true", held.GetAttribute("data-held"));
            Assert.Contains("10.20.30.200 → web", held.TextContent);
            var pending = cut.Find("[data-testid='zone-public-docker1-10.20.30.201']");
            Assert.Equal("false", pending.GetAttribute("data-held"));
            Assert.Contains("(pending)", pending.TextContent);
            Assert.Contains("⇄ 10.20.30.200", cut.Find("[data-testid=zone-container-docker1-web]").TextContent);
            Assert.DoesNotContain("⇄", cut.Find("[data-testid=zone-container-docker2-db]").TextContent);
            Assert.Empty(cut.FindAll("[data-testid^='zone-public-docker2-']"));
        }, Patience);
    }

    [Fact]
    public async Task Home_Disposed_CancelsItsSubscription()
    {
        var cut = Context.Render<Home>();
        cut.WaitForElement("[data-testid=host-row-docker1]", Patience);

        await cut.Instance.DisposeAsync();

        await Feed.SubscriptionCancelled.Task.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);
    }
}
