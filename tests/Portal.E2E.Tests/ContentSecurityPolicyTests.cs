using Microsoft.Playwright;

namespace Portal.E2E.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>
/// The app works under its Content-Security-Policy: the browser refuses nothing on the way through the pages. Runs on its
/// own, after the other browser tests: on two cores, a third WebAssembly app booting at once slows theirs past their
/// timeouts.
/// </summary>
[Collection(nameof(ContentSecurityPolicyTests))]
public sealed class ContentSecurityPolicyTests(StackFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task Pages_SignInHostAndAudit_NoPolicyViolationsAndLiveHubConnected()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = portal.Stack.Url.ToString() });
        await using var _ = context;
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var violations = new List<string>();
        var sockets = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        // A socket the policy (or the hub's Origin check) refused never receives a frame; the SignalR handshake is one.
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, _) =>
        {
            lock (sockets)
            {
                sockets.Add(socket.Url);
            }
        };

        var response = await page.GotoAsync("/login");
        Assert.Contains("frame-ancestors 'none'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await page.Locator("#login-user").FillAsync("admin");
        await page.Locator("#login-password").FillAsync(portal.Stack.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId($"host-online-{Lab.Docker1.Name}")).ToHaveAttributeAsync("data-online", "true", new() { Timeout = 30_000 });
        await page.GotoAsync($"/hosts/{Lab.Docker1.Name}");
        await Assertions.Expect(page.GetByTestId("containers-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GotoAsync("/audit");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(violations);
        // The live feed came over a same-origin WebSocket, which connect-src 'self' and the hub's Origin check allow.
        Assert.Contains(sockets, url => url.Contains("/hubs/live", StringComparison.Ordinal));
    }
}

[CollectionDefinition(nameof(ContentSecurityPolicyTests), DisableParallelization = true)]
public sealed class ContentSecurityPolicyCollection;
