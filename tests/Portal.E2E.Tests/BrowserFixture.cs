using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Portal.E2E.Tests.BrowserFixture))]

namespace Portal.E2E.Tests;

/// <summary>Debian's headless Chromium driven by Playwright (no browser download: the machine's own binary).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private string? _profile;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _profile = Directory.CreateTempSubdirectory("portal-chromium-").FullName;
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_profile is not null)
        {
            Directory.Delete(_profile, recursive: true);
        }
    }
}
