using Bunit;
using MudBlazor;
using Portal.Client.Pages;
using Portal.Client.Services;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;

namespace Portal.Client.Tests.Pages;

public sealed class ContainerPageChangeTests : PortalTestContext
{
    public ContainerPageChangeTests() => Feed.Host = ClassicPicture.Docker1State();

    [Fact]
    public void Unlink_FromLinksTable_PlansUnlinkOfThatAlias()
    {
        SignIn(Roles.Operator);
        var (dialogs, cut) = Render("client");

        cut.Find("[data-testid=unlink-web]").Click();

        dialogs.WaitForElement("[data-testid=unlink-dialog] [data-testid=plan]", Patience);
        Assert.Equal(("unlink", (object)("client", "web"), true), Api.ChangeRequests.Single());
    }

    [Fact]
    public void PublishExposedPort_HostPortRefused_ErrorOnHostPortField()
    {
        SignIn(Roles.Operator);
        Api.ChangeError = new PortalApiException(400, "The request is not valid", null,
            new Dictionary<string, string[]> { ["hostPort"] = ["a port is a number from 1 to 65535"] });
        var (dialogs, cut) = Render("web");

        cut.Find("[data-testid=port-publish-80-tcp]").Click();
        dialogs.WaitForElement("[data-testid=port-dialog]", Patience);
        dialogs.Find("#field-input-hostPort").Input("70000");
        dialogs.Find("[data-testid=plan-refresh]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("1 to 65535", dialogs.Find("[data-testid=field-hostPort]").TextContent), Patience);
        Assert.Equal(new PortRequest("web", 80, "tcp", 70000, null), Api.ChangeRequests.Single().Request);
    }

    [Fact]
    public void Unpublish_PublishedPort_PlansThatBinding()
    {
        SignIn(Roles.Operator);
        var (dialogs, cut) = Render("web");

        cut.Find("[data-testid=port-unpublish-8080-tcp]").Click();

        dialogs.WaitForElement("[data-testid=unpublish-dialog] [data-testid=plan]", Patience);
        Assert.Equal(("unpublish", (object)("web", 8080, "tcp"), true), Api.ChangeRequests.Single());
    }

    [Fact]
    public void Disconnect_Endpoint_PlansDisconnect()
    {
        SignIn(Roles.Operator);
        var (dialogs, cut) = Render("web");

        cut.Find("[data-testid=endpoint-disconnect-bridge]").Click();

        dialogs.WaitForElement("[data-testid=disconnect-dialog] [data-testid=plan]", Patience);
        Assert.Equal(("disconnect", (object)("bridge", "web"), true), Api.ChangeRequests.Single());
    }

    [Fact]
    public void Viewer_NoChangeControls()
    {
        SignIn(Roles.Viewer);
        var (_, cut) = Render("client");

        Assert.Empty(cut.FindAll("[data-testid^=unlink-]"));
        Assert.Empty(cut.FindAll("[data-testid^=port-publish]"));
        Assert.Empty(cut.FindAll("[data-testid=endpoint-connect]"));
        Assert.Empty(cut.FindAll("[data-testid^=endpoint-disconnect-]"));
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<ContainerPage> Page) Render(string name)
    {
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Context.Render<ContainerPage>(p => p.Add(x => x.Host, "docker1").Add(x => x.Name, name));
        page.WaitForElement("[data-testid=env-table]", Patience);
        return (dialogs, page);
    }
}
