using Microsoft.Playwright;

namespace Portal.LatencyHarness;

/// <summary>Opens one page and prints what the browser did (console, failed requests, responses): a diagnosis aid.</summary>
internal static class PageProbe
{
    public static async Task RunAsync(string url, CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = new Uri(url).GetLeftPart(UriPartial.Authority) + "/", ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.Console += (_, m) => Console.WriteLine($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => Console.WriteLine($"page error: {e}");
        page.RequestFailed += (_, r) => Console.WriteLine($"failed: {r.Url} {r.Failure}");
        page.Response += (_, r) => Console.WriteLine($"{r.Status} {r.Url}");
        await page.GotoAsync(new Uri(url).PathAndQuery);
        await Task.Delay(TimeSpan.FromSeconds(15), ct);
        Console.WriteLine((await page.ContentAsync()).Contains("login-user", StringComparison.Ordinal) ? "RENDERED" : "NOT RENDERED");
    }
}
