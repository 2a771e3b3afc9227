using Microsoft.Playwright;
using Portal.Lab.Stack;

namespace Portal.E2E.Tests;

/// <summary>Opens a fresh browser context and signs in through the real sign-in page.</summary>
internal static class SignedInPage
{
    public static async Task<(IBrowserContext Context, IPage Page)> OpenAsync(IBrowser browser, PortalStack stack, string user, string password)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = stack.Url.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/login");
        await page.Locator("#login-user").FillAsync(user);
        await page.Locator("#login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return (context, page);
    }
}
