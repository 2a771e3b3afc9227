using Microsoft.Playwright;

namespace Portal.E2E.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>Click-to-link in a real browser: pick two containers, read the plan, apply, and find the link in Docker.</summary>
public sealed class ClickToLinkTests(StackFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task HostPage_LinkFromTo_ShowsPlanAppliesAndDockerHasTheLink()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Docker1;
        var web = Lab.UniqueName("e2e-web");
        var client = Lab.UniqueName("e2e-cli");
        await host.DockerAsync(["run", "-d", "--name", web, "--expose", "80", "busybox", "sleep", "3600"], ct);
        await host.DockerAsync(["run", "-d", "--name", client, "busybox", "sleep", "3600"], ct);
        try
        {
            var (context, page) = await SignedInPage.OpenAsync(browser.Browser, portal.Stack, "admin", portal.Stack.AdminPassword);
            await using var _ = context;
            await page.GotoAsync($"/hosts/{host.Name}");
            await page.GetByTestId($"link-from-{client}").ClickAsync();
            await page.GetByTestId($"link-to-{web}").ClickAsync();

            // The plan comes first: the env variables the link will give, before anything is applied.
            var prefix = web.ToUpperInvariant().Replace('-', '_');
            await Assertions.Expect(page.GetByTestId("plan-env")).ToContainTextAsync($"{prefix}_PORT_80_TCP_ADDR");
            Assert.DoesNotContain($"{web}:", string.Join(',', await LinksOfAsync(host, client, ct)));

            await page.GetByTestId("plan-apply").ClickAsync();
            await Assertions.Expect(page.GetByTestId("change-result")).ToContainTextAsync("applied", new() { Timeout = 60_000 });

            Assert.Contains($"/{web}:/{client}/{web}", await LinksOfAsync(host, client, ct));
            var env = await host.ExecAsync(client, "env");
            Assert.Contains($"{prefix}_PORT_80_TCP_ADDR=", env);
        }
        finally
        {
            await host.TryDockerAsync(["rm", "-f", client, web], ct);
        }
    }

    private static async Task<IReadOnlyList<string>> LinksOfAsync(Portal.Lab.LabHost host, string container, CancellationToken ct)
    {
        using var inspect = await host.InspectAsync(container, ct);
        var links = inspect.RootElement.GetProperty("HostConfig").GetProperty("Links");
        return links.ValueKind == System.Text.Json.JsonValueKind.Array ? links.EnumerateArray().Select(l => l.GetString()!).ToList() : [];
    }
}
