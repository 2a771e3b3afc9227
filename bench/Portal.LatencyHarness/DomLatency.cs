using System.Globalization;
using Microsoft.Playwright;
using Portal.Lab.Stack;

namespace Portal.LatencyHarness;

using Lab = Portal.Lab.Lab;

/// <summary>
/// From the Docker engine's "start" event to the browser's DOM showing the started container as running on the host
/// page, over N container starts. Docker's own start time is excluded: the clock starts at the engine's event.
/// Both clocks are this machine's wall clock (the engine's event timeNano, the browser's Date.now()).
/// </summary>
internal static class DomLatency
{
    private const string Observer = """
        () => {
          window.__seen = {};
          const check = () => {
            for (const row of document.querySelectorAll('[data-testid^="container-row-"]')) {
              const name = row.getAttribute('data-testid').substring('container-row-'.length);
              if (!(name in window.__seen) && row.textContent.includes('running')) window.__seen[name] = Date.now();
            }
          };
          new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
          check();
        }
        """;

    public static async Task<IReadOnlyList<double>> MeasureAsync(int starts, CancellationToken ct)
    {
        var host = Lab.Docker1;
        await using var stack = await PortalStack.StartAsync([host], ct);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = stack.Url.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#login-user").FillAsync("admin");
        await page.Locator("#login-password").FillAsync(stack.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync($"/hosts/{host.Name}");
        await page.GetByTestId("containers-table").WaitForAsync();
        await page.EvaluateAsync(Observer);

        var prefix = Lab.UniqueName("lat-");
        var latencies = new List<double>();
        try
        {
            for (var i = 0; i < starts; i++)
            {
                var name = $"{prefix}-{i}";
                var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                await host.DockerAsync(["run", "-d", "--name", name, "busybox", "sleep", "3600"], ct);
                var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var events = await host.DockerAsync(
                    ["events", "--since", since, "--until", until, "--filter", $"container={name}", "--filter", "event=start", "--format", "{{.TimeNano}}"], ct);
                var startedMs = long.Parse(events.Trim().Split('\n')[0], CultureInfo.InvariantCulture) / 1e6;
                var shownMs = await WaitShownAsync(page, name, ct);
                latencies.Add(shownMs - startedMs);
            }
        }
        finally
        {
            await host.RemoveByPrefixAsync(prefix, ct);
            await context.DisposeAsync();
        }

        return latencies;
    }

    private static async Task<double> WaitShownAsync(IPage page, string name, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var seen = await page.EvaluateAsync<double?>($"() => window.__seen['{name}'] ?? null");
            if (seen is { } at)
            {
                return at;
            }

            await Task.Delay(20, ct);
        }

        throw new TimeoutException($"{name} never appeared as running on the host page");
    }
}
