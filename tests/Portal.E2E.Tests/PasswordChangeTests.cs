using System.Net;
using Microsoft.Playwright;

namespace Portal.E2E.Tests;

/// <summary>A password someone else set is changed in the browser before anything else shows.</summary>
public sealed class PasswordChangeTests(StackFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_PasswordResetByAdmin_AsksForANewOneBeforeThePages()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var admin = portal.Stack.Admin;
        var (created, _) = await admin.SendJsonAsync(HttpMethod.Post, "/api/users", new { userName = user, password = "first-password-1", role = "viewer" }, ct);
        Assert.Equal(HttpStatusCode.Created, created);
        var (reset, _) = await admin.SendJsonAsync(HttpMethod.Put, $"/api/users/{user}/password", new { password = "temporary-password" }, ct);
        Assert.Equal(HttpStatusCode.NoContent, reset);

        var (context, page) = await SignedInPage.OpenAsync(browser.Browser, portal.Stack, user, "temporary-password");
        await using var _ = context;
        await Assertions.Expect(page.GetByTestId("change-password-required")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("nav-hosts")).ToBeVisibleAsync();

        await page.Locator("#password-current").FillAsync("temporary-password");
        await page.Locator("#password-new").FillAsync("my-own-password-1");
        await page.Locator("#password-confirm").FillAsync("my-own-password-1");
        await page.GetByTestId("change-password-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("change-password-required")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("host-online-docker1")).ToBeVisibleAsync();
    }
}
