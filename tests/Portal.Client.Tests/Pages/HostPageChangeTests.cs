using Bunit;
using MudBlazor;
using Portal.Client.Pages;
using Portal.Client.Services;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;

namespace Portal.Client.Tests.Pages;

/// <summary>Click-to-link, drag-to-link, the ICC switch and network forms on the host page, through the plan dialog.</summary>
public sealed class HostPageChangeTests : PortalTestContext
{
    public HostPageChangeTests() => Feed.Host = ClassicPicture.Docker1State();

    [Fact]
    public void LinkFromTo_DialogShowsDryRunPlan_DiffStyled()
    {
        SignIn(Roles.Operator);
        var (dialogs, cut) = Render();

        cut.Find("[data-testid=link-from-client]").Click();
        cut.Find("[data-testid=link-to-web]").Click();

        dialogs.WaitForElement("[data-testid=link-dialog] [data-testid=plan-rules]", Patience);
        Assert.Equal([("link", (object)new LinkRequest("client", "web", "web"), true)], Api.ChangeRequests);
        var rules = dialogs.FindAll("[data-testid=plan-rules] [data-testid=plan-rule]");
        Assert.Equal(["added", "removed"], rules.Select(r => r.GetAttribute("data-change")));
        Assert.Contains("diff-added", rules[0].ClassName);
        Assert.StartsWith("+", rules[0].TextContent.Trim());
        Assert.StartsWith("-", rules[1].TextContent.Trim());
        Assert.Contains("WEB_PORT_80_TCP_ADDR=172.17.0.2", dialogs.Find("[data-testid=plan-env]").TextContent);
        Assert.Contains("web webhost", dialogs.Find("[data-testid=plan-hosts]").TextContent);
        Assert.Contains("client", dialogs.Find("[data-testid=plan-recreated]").TextContent);
        Assert.Contains("client restarts", dialogs.Find("[data-testid=plan-interruption]").TextContent);
        Assert.Equal(2, dialogs.FindAll("[data-testid=plan-steps] li").Count);
    }

    [Fact]
    public async Task Apply_SendsRealRequest_ShowsProgressThenIntentStatus()
    {
        SignIn(Roles.Operator);
        var (dialogs, cut) = Render();
        cut.Find("[data-testid=link-from-client]").Click();
        cut.Find("[data-testid=link-to-web]").Click();
        dialogs.WaitForElement("[data-testid=plan-apply]", Patience);
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=plan-apply]").HasAttribute("disabled")), Patience);
        Api.ChangeGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var applying = dialogs.Find("[data-testid=plan-apply]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        dialogs.WaitForElement("[data-testid=change-progress]", Patience);
        Assert.True(dialogs.Find("[data-testid=plan-apply]").HasAttribute("disabled"));
        Api.ChangeGate.SetResult();
        await applying;
        dialogs.WaitForAssertion(() => Assert.Contains("applied", dialogs.Find("[data-testid=change-result]").TextContent), Patience);
        Assert.Equal(("link", (object)new LinkRequest("client", "web", "web"), false), Api.ChangeRequests[^1]);
    }

    [Fact]
    public void Alias400_ErrorShownOnAliasField()
    {
        SignIn(Roles.Operator);
        Api.ChangeError = new PortalApiException(400, "The request is not valid", null,
            new Dictionary<string, string[]> { ["alias"] = ["an alias must be a DNS label"] });
        var (dialogs, cut) = Render();

        cut.Find("[data-testid=link-from-client]").Click();
        cut.Find("[data-testid=link-to-web]").Click();

        dialogs.WaitForAssertion(() =>
            Assert.Contains("an alias must be a DNS label", dialogs.Find("[data-testid=field-alias]").TextContent), Patience);
        Assert.DoesNotContain("DNS label", dialogs.Find("[data-testid=field-source]").TextContent);
        Assert.True(dialogs.Find("[data-testid=plan-apply]").HasAttribute("disabled"));
    }

    [Fact]
    public void DragContainerOntoAnother_OpensLinkDialogForThatPair()
    {
        SignIn(Roles.Operator);
        var (dialogs, cut) = Render();

        cut.Find("[data-testid=diagram-container-bridge-web]").DragStart();
        cut.Find("[data-testid=diagram-container-bridge-client]").Drop();

        dialogs.WaitForElement("[data-testid=link-dialog]", Patience);
        Assert.Equal(new LinkRequest("web", "client", "client"), Api.ChangeRequests.Single().Request);
    }

    [Fact]
    public void Viewer_NoChangeControls()
    {
        SignIn(Roles.Viewer);
        var (_, cut) = Render();

        Assert.Empty(cut.FindAll("[data-testid^=link-from-]"));
        Assert.Empty(cut.FindAll("[data-testid^=icc-switch-]"));
        Assert.Empty(cut.FindAll("[data-testid=network-create]"));
        Assert.Empty(cut.FindAll("[data-testid^=network-remove-]"));
        Assert.Equal("false", cut.Find("[data-testid=diagram-container-bridge-web]").GetAttribute("draggable"));
    }

    [Fact]
    public void IccSwitch_Flipped_PlansIccOnForThatNetwork()
    {
        SignIn(Roles.Operator);
        var (dialogs, cut) = Render();

        // MudSwitch puts its attributes on the checkbox itself.
        cut.Find("input[data-testid=icc-switch-bridge]").Change(true);

        dialogs.WaitForElement("[data-testid=icc-dialog] [data-testid=plan]", Patience);
        Assert.Equal(("icc", (object)("bridge", new IccRequest(true)), true), Api.ChangeRequests.Single());
    }

    [Fact]
    public void CreateNetwork_SubnetRefused_ErrorOnSubnetField()
    {
        SignIn(Roles.Operator);
        Api.ChangeError = new PortalApiException(400, "The request is not valid", null,
            new Dictionary<string, string[]> { ["subnet"] = ["an IPv4 CIDR with no host bits set, such as 172.30.0.0/24"] });
        var (dialogs, cut) = Render();

        cut.Find("[data-testid=network-create]").Click();
        dialogs.WaitForElement("[data-testid=network-dialog]", Patience);
        dialogs.Find("#field-input-name").Input("appnet");
        dialogs.Find("#field-input-subnet").Input("172.30.0.1/24");
        dialogs.Find("[data-testid=plan-refresh]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("no host bits", dialogs.Find("[data-testid=field-subnet]").TextContent), Patience);
        var sent = Assert.IsType<NetworkRequest>(Api.ChangeRequests.Single().Request);
        Assert.Equal(("appnet", "172.30.0.1/24", true, true), (sent.Name, sent.Subnet, sent.Icc, sent.Masquerade));
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<HostPage> Page) Render()
    {
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));
        page.WaitForElement("[data-testid=container-row-web]", Patience);
        return (dialogs, page);
    }
}
