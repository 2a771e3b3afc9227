using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Client.Pages;
using Portal.Client.Services;
using Portal.Contracts.Api;

namespace Portal.Client.Tests.Pages;

public sealed class LoginTests : PortalTestContext
{
    [Fact]
    public void Login_ServerRefuses_ShowsTheServersMessage()
    {
        Api.LoginError = new PortalApiException(401, "Unauthorized", "wrong user name or password");
        var cut = Context.Render<Login>();

        SignInAs(cut, "admin", "nope");

        cut.WaitForAssertion(
            () => Assert.Contains("wrong user name or password", cut.Find("[data-testid=login-error]").TextContent),
            Patience);
        Assert.Equal(new LoginRequest("admin", "nope"), Assert.Single(Api.Logins));
    }

    [Fact]
    public void Login_Succeeds_GoesToReturnUrl()
    {
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/login?returnUrl=%2Fhosts%2Fdocker1");
        var cut = Context.Render<Login>();

        SignInAs(cut, "admin", "secret");

        cut.WaitForAssertion(() => Assert.EndsWith("/hosts/docker1", navigation.Uri, StringComparison.Ordinal), Patience);
        Assert.True(Auth.IsSignedIn);
    }

    [Theory]
    [InlineData("/hosts/docker1", "/hosts/docker1")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData(null, "/")]
    public void SafeReturnUrl_OnlySitePaths_Allowed(string? returnUrl, string expected) =>
        Assert.Equal(expected, Login.SafeReturnUrl(returnUrl));

    private static void SignInAs(IRenderedComponent<Login> cut, string user, string password)
    {
        cut.Find("#login-user").Input(user);
        cut.Find("#login-password").Input(password);
        cut.Find("form").Submit();
    }
}
