using Portal.Client.Changes;
using Portal.Client.Services;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Intents;

namespace Portal.Client.Tests.Changes;

public sealed class ChangeRunTests
{
    private readonly FakePortalApi _api = new(new AuthState());

    [Fact]
    public async Task ApplyAsync_WithoutPlan_SendsNothing()
    {
        var run = new ChangeRun(ChangeForms.Link(_api, "docker1", "client", "web"));

        await run.ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Empty(_api.ChangeRequests);
        Assert.Equal(ChangePhase.Editing, run.Phase);
    }

    [Fact]
    public async Task PlanThenApply_SendsDryRunThenRealRequestWithFields()
    {
        var run = new ChangeRun(ChangeForms.Link(_api, "docker1", "client", "web"));
        run.Form.Field("alias")!.Text = " www ";

        await run.PlanAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ChangePhase.Planned, run.Phase);
        await run.ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [("link", (object)new LinkRequest("client", "web", "www"), true), ("link", new LinkRequest("client", "web", "www"), false)],
            _api.ChangeRequests);
        Assert.Equal(ChangePhase.Applied, run.Phase);
        Assert.Equal(IntentStatus.Applied, run.Result!.Intent!.Status);
    }

    [Fact]
    public async Task Edited_AfterPlan_PlanDroppedAndApplyRefused()
    {
        var run = new ChangeRun(ChangeForms.Link(_api, "docker1", "client", "web"));
        await run.PlanAsync(TestContext.Current.CancellationToken);

        run.Edited();
        await run.ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Null(run.Plan);
        Assert.False(run.CanApply);
        Assert.Single(_api.ChangeRequests);
    }

    [Fact]
    public async Task PlanAsync_400_FieldErrorsKeyedCaseInsensitively()
    {
        _api.ChangeError = new PortalApiException(400, "The request is not valid", null,
            new Dictionary<string, string[]> { ["HostPort"] = ["a port is a number from 1 to 65535"] });
        var run = new ChangeRun(ChangeForms.PublishPort(_api, "docker1", "web", "80/tcp"));

        await run.PlanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ChangePhase.Failed, run.Phase);
        Assert.Equal("a port is a number from 1 to 65535", run.FieldError("hostPort"));
        Assert.Null(run.FieldError("containerPort"));
        Assert.Equal(new PortRequest("web", 80, "tcp", 0, null), _api.ChangeRequests.Single().Request);
    }

    [Fact]
    public async Task PlanAsync_502_DockersMessageShown()
    {
        _api.ChangeError = new PortalApiException(502, "Docker refused", "Cannot link to /web, as it does not belong to the default network");
        var run = new ChangeRun(ChangeForms.Link(_api, "docker1", "client", "web"));

        await run.PlanAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Docker refused: Cannot link to /web, as it does not belong to the default network", run.Error);
        Assert.Equal(502, run.ErrorStatus);
    }
}
