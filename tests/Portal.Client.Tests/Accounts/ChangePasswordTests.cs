using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Portal.Client.Components;
using Portal.Client.Layout;
using Portal.Client.Services;
using Portal.Contracts.Api;

namespace Portal.Client.Tests.Accounts;

public sealed class ChangePasswordTests : PortalTestContext
{
    private static readonly RenderFragment Page = builder =>
    {
        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "data-testid", "page-body");
        builder.AddContent(2, "the page");
        builder.CloseElement();
    };

    [Fact]
    public void Layout_MustChangePassword_AsksForItInsteadOfThePage()
    {
        Api.User = new CurrentUser("admin", Roles.Admin, MustChangePassword: true);
        Auth.SignedIn(Api.User);
        var cut = Context.Render<MainLayout>(p => p.Add(l => l.Body, Page));

        cut.WaitForElement("[data-testid=change-password-required]", Patience);
        Assert.Empty(cut.FindAll("[data-testid=page-body]"));

        Fill(cut, "bootstrap-password", "my-own-password", "my-own-password");

        cut.WaitForElement("[data-testid=page-body]", Patience);
        Assert.Equal(new ChangePasswordRequest("bootstrap-password", "my-own-password"), Assert.Single(Api.PasswordChanges));
        Assert.Empty(cut.FindAll("[data-testid=change-password]"));
    }

    [Fact]
    public void Layout_PasswordIsOwn_ShowsThePage()
    {
        Auth.SignedIn(Api.User);
        var cut = Context.Render<MainLayout>(p => p.Add(l => l.Body, Page));

        cut.WaitForElement("[data-testid=page-body]", Patience);
        Assert.Empty(cut.FindAll("[data-testid=change-password]"));
    }

    [Fact]
    public void ChangePassword_ConfirmationDiffers_NothingSent()
    {
        Auth.SignedIn(Api.User);
        var cut = Context.Render<ChangePasswordForm>();

        Fill(cut, "old-password-1", "new-password-1", "new-password-2");

        cut.WaitForElement("[data-testid=change-password-error]", Patience);
        Assert.Empty(Api.PasswordChanges);
    }

    [Fact]
    public void ChangePassword_ServerRefuses_ShowsTheFieldError()
    {
        Auth.SignedIn(Api.User);
        Api.PasswordChangeError = new PortalApiException(400, "One or more validation errors occurred.", null,
            new Dictionary<string, string[]> { ["newPassword"] = ["Passwords must be at least 12 characters."] });
        var cut = Context.Render<ChangePasswordForm>();

        Fill(cut, "old-password-1", "short", "short");

        cut.WaitForAssertion(
            () => Assert.Contains("at least 12 characters", cut.Find("[data-testid=change-password-error]").TextContent),
            Patience);
        Assert.Empty(cut.FindAll("[data-testid=change-password-done]"));
    }

    [Fact]
    public void UserAdmin_SetPassword_SendsTheResetForThatUser()
    {
        Auth.SignedIn(Api.User);
        var cut = Context.Render<UserAdmin>();

        cut.WaitForElement("[data-testid=admin-user-reset-admin]", Patience).Click();
        cut.Find("#admin-user-reset-password").Input("temporary-password");
        cut.Find("[data-testid=admin-user-reset] form").Submit();

        cut.WaitForElement("[data-testid=admin-user-notice]", Patience);
        Assert.Equal(("admin", "temporary-password"), Assert.Single(Api.PasswordResets));
    }

    private static void Fill(IRenderedComponent<IComponent> cut, string current, string next, string again)
    {
        cut.Find("#password-current").Input(current);
        cut.Find("#password-new").Input(next);
        cut.Find("#password-confirm").Input(again);
        cut.Find("[data-testid=change-password] form").Submit();
    }
}
