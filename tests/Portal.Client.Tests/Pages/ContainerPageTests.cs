using Bunit;
using Portal.Client.Pages;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;

namespace Portal.Client.Tests.Pages;

public sealed class ContainerPageTests : PortalTestContext
{
    public ContainerPageTests() => Feed.Host = ClassicPicture.Docker1State();

    [Fact]
    public void ContainerPage_Viewer_SecretsMaskedAndNoRevealButton()
    {
        SignIn(Roles.Viewer);

        var cut = Render("client");

        Assert.Equal("••••••••", Value(cut, "DB_PASSWORD"));
        Assert.Equal("••••••••", Value(cut, "api_token"));
        Assert.Equal("/bin", Value(cut, "PATH"));
        Assert.Empty(cut.FindAll("[data-testid=reveal-secret]"));
        Assert.Single(cut.FindAll("[data-testid=reveal-forbidden]"));
        Assert.DoesNotContain("hunter2", cut.Markup);
        Assert.Empty(Api.Reveals);
    }

    [Fact]
    public void ContainerPage_OperatorRevealsOneValue_OnlyThatOneAskedForAndShown()
    {
        SignIn(Roles.Operator);
        var cut = Render("client");
        Assert.Equal("••••••••", Value(cut, "DB_PASSWORD"));
        Assert.Equal(2, cut.FindAll("[data-testid=reveal-secret]").Count);

        cut.Find("[data-testid=env-row-DB_PASSWORD] [data-testid=reveal-secret]").Click();

        cut.WaitForAssertion(() => Assert.Equal("hunter2", Value(cut, "DB_PASSWORD")), Patience);
        Assert.Equal("••••••••", Value(cut, "api_token"));
        Assert.Equal([("docker1", "client", "DB_PASSWORD")], Api.Reveals);

        cut.Find("[data-testid=env-row-DB_PASSWORD] [data-testid=hide-secret]").Click();
        cut.WaitForAssertion(() => Assert.Equal("••••••••", Value(cut, "DB_PASSWORD")), Patience);
    }

    [Fact]
    public void ContainerPage_RevealRefused_ServerWordsShownValueStillMasked()
    {
        SignIn(Roles.Operator);
        Api.Secrets.Remove(("docker1", "client", "api_token"));
        var cut = Render("client");

        cut.Find("[data-testid=env-row-api_token] [data-testid=reveal-secret]").Click();

        cut.WaitForAssertion(() => Assert.Contains("has no variable 'api_token'", cut.Find("[data-testid=reveal-error]").TextContent), Patience);
        Assert.Equal("••••••••", Value(cut, "api_token"));
    }

    [Fact]
    public void ContainerPage_TruncatedEnvAndHosts_Said()
    {
        SignIn(Roles.Viewer);
        var state = ClassicPicture.Docker1State();
        Feed.Host = state with
        {
            Snapshot = state.Snapshot with
            {
                Containers = [.. state.Containers.Select(c => c.Name == "client" ? c with { EnvTruncated = true, HostsTruncated = true } : c)],
            },
        };

        var cut = Render("client");

        Assert.Single(cut.FindAll("[data-testid=env-truncated]"));
        Assert.Single(cut.FindAll("[data-testid=hosts-truncated]"));
        Assert.Empty(Render("web").FindAll("[data-testid=hosts-truncated]"));
    }

    [Fact]
    public void ContainerPage_LinkedContainer_LinkHostsLinesAndVariablesMarked()
    {
        SignIn(Roles.Viewer);

        var cut = Render("client");

        Assert.Equal("true", cut.Find("[data-testid=hosts-line-1]").GetAttribute("data-link"));
        Assert.Contains("172.17.0.2", cut.Find("[data-testid=hosts-line-1]").TextContent);
        Assert.Equal("false", cut.Find("[data-testid=hosts-line-0]").GetAttribute("data-link"));
        Assert.Equal("false", cut.Find("[data-testid=hosts-line-2]").GetAttribute("data-link"));
        Assert.Equal("true", cut.Find("[data-testid=env-row-WEB_PORT_80_TCP_ADDR]").GetAttribute("data-link"));
        Assert.Equal("false", cut.Find("[data-testid=env-row-DB_PASSWORD]").GetAttribute("data-link"));
        Assert.Single(cut.FindAll("[data-testid=link-out-web]"));
    }

    [Fact]
    public void ContainerPage_LinkTarget_ShowsLinkInAndOnlyRulesThatConcernIt()
    {
        SignIn(Roles.Viewer);

        var cut = Render("web");

        Assert.Single(cut.FindAll("[data-testid=link-in-client]"));
        var owners = cut.FindAll("[data-testid=rule-owner]").Select(e => e.TextContent.Trim()).Order().ToList();
        Assert.Equal(["link client -> web:80/tcp", "port 8080/tcp -> web:80"], owners);
        Assert.Contains("8080", cut.Find("[data-testid=port-published]").TextContent);
        Assert.Equal("80/tcp", cut.Find("[data-testid=port-exposed]").TextContent);
    }

    [Fact]
    public async Task ContainerPage_Disposed_CancelsItsSubscription()
    {
        SignIn(Roles.Viewer);
        var cut = Render("web");

        await cut.Instance.DisposeAsync();

        await Feed.SubscriptionCancelled.Task.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);
    }

    private IRenderedComponent<ContainerPage> Render(string name)
    {
        var cut = Context.Render<ContainerPage>(p => p.Add(x => x.Host, "docker1").Add(x => x.Name, name));
        cut.WaitForElement("[data-testid=env-table]", Patience);
        return cut;
    }

    private static string Value(IRenderedComponent<ContainerPage> cut, string variable) =>
        cut.Find($"[data-testid=env-row-{variable}] [data-testid=env-value]").TextContent;
}
