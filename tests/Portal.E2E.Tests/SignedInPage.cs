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
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add($"page error: {error}");
        page.RequestFailed += (_, request) => console.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) => console.Add($"response: {response.Status} {response.Url}");
        await page.GotoAsync("/login");
        try
        {
            await page.Locator("#login-user").WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException e)
        {
            var html = await page.ContentAsync();
            throw new TimeoutException(
                $"the sign-in page did not render at {page.Url}; browser console:\n{string.Join('\n', console)}\npage:\n{html[..Math.Min(html.Length, 3000)]}", e);
        }

        await page.Locator("#login-user").FillAsync(user);
        await page.Locator("#login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return (context, page);
    }
}
