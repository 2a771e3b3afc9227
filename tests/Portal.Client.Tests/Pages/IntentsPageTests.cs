using Bunit;
using Portal.Client.Pages;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using static Portal.Client.Tests.Fakes.FakePortalApi;

namespace Portal.Client.Tests.Pages;

public sealed class IntentsPageTests : PortalTestContext
{
    public IntentsPageTests() =>
        Api.Intents = [SampleIntent(1, IntentStatus.Applied), SampleIntent(2, IntentStatus.Failed, error: "Cannot link to a non running container: /web")];

    [Fact]
    public void Intents_Listed_StatusChipsAndErrorText()
    {
        SignIn(Roles.Viewer);
        var cut = Render();

        Assert.Equal("applied", cut.Find("[data-testid=intent-status-1]").GetAttribute("data-status"));
        Assert.Equal("failed", cut.Find("[data-testid=intent-status-2]").TextContent.Trim());
        Assert.Equal("Cannot link to a non running container: /web", cut.Find("[data-testid=intent-error-2]").TextContent);
        Assert.Null(Feed.IntentSubscriptions.Single());
    }

    [Fact]
    public async Task IntentChanged_StatusMovesAndNewIntentAppearsWithoutReload()
    {
        SignIn(Roles.Viewer);
        var cut = Render();

        await Feed.IntentChanges.Writer.WriteAsync(
            [SampleIntent(1, IntentStatus.Drifted, error: "link rules missing"), SampleIntent(3, IntentStatus.Pending)],
            Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("drifted", cut.Find("[data-testid=intent-status-1]").GetAttribute("data-status"));
            Assert.Equal("link rules missing", cut.Find("[data-testid=intent-error-1]").TextContent);
            Assert.Equal("pending", cut.Find("[data-testid=intent-status-3]").GetAttribute("data-status"));
        }, Patience);
        var order = cut.FindAll("[data-testid^=intent-row-]").Select(r => r.GetAttribute("data-testid"));
        Assert.Equal(["intent-row-3", "intent-row-2", "intent-row-1"], order);
    }

    [Fact]
    public void Retry_Operator_OnlyFailedOrDriftedAndCallsApi()
    {
        SignIn(Roles.Operator);
        var cut = Render();
        Assert.Empty(cut.FindAll("[data-testid=intent-retry-1]"));

        cut.Find("[data-testid=intent-retry-2]").Click();

        cut.WaitForAssertion(() => Assert.Equal([2L], Api.Retries), Patience);
    }

    [Fact]
    public void Retry_Viewer_NoButton()
    {
        SignIn(Roles.Viewer);
        var cut = Render();

        Assert.Empty(cut.FindAll("[data-testid^=intent-retry-]"));
    }

    [Fact]
    public async Task Disposed_CancelsItsSubscription()
    {
        SignIn(Roles.Viewer);
        var cut = Render();

        await cut.Instance.DisposeAsync();

        await Feed.SubscriptionCancelled.Task.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);
    }

    private IRenderedComponent<IntentsPage> Render()
    {
        var cut = Context.Render<IntentsPage>();
        cut.WaitForElement("[data-testid=intent-row-1]", Patience);
        return cut;
    }
}
