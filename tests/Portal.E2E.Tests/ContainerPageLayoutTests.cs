using Microsoft.Playwright;

namespace Portal.E2E.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>
/// The container page on a common laptop screen (1440 x 900): the Endpoints table shows each row's Disconnect button
/// whole, inside the window and inside the table's own box (not cut off or hidden behind a scroll), and it works.
/// </summary>
public sealed class ContainerPageLayoutTests(StackFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task ContainerPage_At1440x900_DisconnectButtonFullyVisibleAndClickable()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Docker1;
        var p = Lab.UniqueName("e2e-ep-");
        var (name, network) = ($"{p}-box", $"{p}-net");
        try
        {
            // A container on the default bridge and on a user network with an alias: the rows an operator sees on a real host.
            await host.DockerAsync(["network", "create", network], ct);
            await host.DockerAsync(["run", "-d", "--name", name, "busybox", "sleep", "3600"], ct);
            await host.DockerAsync(["network", "connect", "--alias", $"{p}-service-alias", network, name], ct);

            var (context, page) = await SignedInPage.OpenAsync(browser.Browser, portal.Stack, "admin", portal.Stack.AdminPassword);
            await using var _ = context;
            await page.SetViewportSizeAsync(1440, 900);
            await page.GotoAsync($"/hosts/{host.Name}/containers/{name}");
            var button = page.GetByTestId($"endpoint-disconnect-{network}");
            await Assertions.Expect(button).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId($"endpoint-disconnect-bridge")).ToBeVisibleAsync();

            // Measured before anything scrolls: a click would scroll a clipped button into view first.
            var json = await button.EvaluateAsync<string>(
                """
                b => {
                    const box = r => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
                    const button = b.getBoundingClientRect();
                    const table = b.closest('[data-testid="endpoints-table"]');
                    let clip = null;
                    for (let e = b.parentElement; e && e !== document.body; e = e.parentElement) {
                        const style = getComputedStyle(e);
                        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') { clip = e; break; }
                    }
                    const hit = document.elementFromPoint(button.right - 2, (button.top + button.bottom) / 2);
                    return JSON.stringify({
                        button: box(button),
                        table: box(table.getBoundingClientRect()),
                        clip: clip ? box(clip.getBoundingClientRect()) : box(table.getBoundingClientRect()),
                        clipScrolls: clip ? clip.scrollWidth > clip.clientWidth : false,
                        viewportWidth: document.documentElement.clientWidth,
                        viewportHeight: document.documentElement.clientHeight,
                        pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
                        rightEdgeHitsButton: hit !== null && b.contains(hit),
                    });
                }
                """);

            var layout = System.Text.Json.JsonSerializer.Deserialize<ButtonLayout>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
            var described = json;
            Assert.True(layout.Button.Right <= layout.ViewportWidth && layout.Button.Left >= 0, $"button inside the window's width: {described}");
            Assert.True(layout.Button.Bottom <= layout.ViewportHeight && layout.Button.Top >= 0, $"button inside the window's height: {described}");
            Assert.True(Inside(layout.Button, layout.Table), $"button inside the table's box: {described}");
            Assert.True(Inside(layout.Button, layout.Clip), $"button inside the box that clips the table: {described}");
            Assert.False(layout.ClipScrolls, $"the table fits its container (no horizontal scroll hiding columns): {described}");
            Assert.False(layout.PageScrolls, $"the page does not scroll sideways: {described}");
            Assert.True(layout.RightEdgeHitsButton, $"the button's right edge is the button (nothing covers or cuts it): {described}");

            // And it works: the disconnect plan opens (nothing is applied).
            await button.ClickAsync();
            await Assertions.Expect(page.GetByTestId("plan-summary")).ToContainTextAsync($"disconnect {name} from {network}");
        }
        finally
        {
            await host.TryDockerAsync(["rm", "-f", name], ct);
            await host.TryDockerAsync(["network", "rm", network], ct);
        }
    }

    private static bool Inside(Box inner, Box outer) =>
        inner.Left >= outer.Left - 0.5 && inner.Right <= outer.Right + 0.5 && inner.Top >= outer.Top - 0.5 && inner.Bottom <= outer.Bottom + 0.5;

    private sealed record Box(double Left, double Top, double Right, double Bottom);

    private sealed record ButtonLayout(
        Box Button, Box Table, Box Clip, bool ClipScrolls, double ViewportWidth, double ViewportHeight, bool PageScrolls, bool RightEdgeHitsButton);
}
