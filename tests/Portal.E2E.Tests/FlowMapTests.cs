using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Portal.E2E.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>
/// The flow map in a real browser against the real stack: a connection opened between two lab containers (conntrack in
/// docker1's namespace, the agent's flow watcher, the server's store and push) appears on the open map without a reload,
/// lit, in the edge table with its port, and again (lit, counted) for the next connection; the container page lists it.
/// </summary>
public sealed class FlowMapTests(StackFixture portal, BrowserFixture browser)
{
    private const string Listen = "trap 'exit 0' TERM; nc -ll -p 8080 -e echo hi & wait";

    [Fact]
    public async Task FlowMap_ConnectionBetweenTwoLabContainers_EdgeAppearsLiveLitAndCounted()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Docker1;
        var p = Lab.UniqueName("e2e-fl");
        var (network, server, client) = ($"{p}-net", $"{p}-srv", $"{p}-cli");
        try
        {
            await host.DockerAsync(["network", "create", network], ct);
            await host.DockerAsync(["run", "-d", "--name", server, "--network", network, "busybox", "sh", "-c", Listen], ct);
            await host.DockerAsync(["run", "-d", "--name", client, "--network", network, "busybox", "sleep", "3600"], ct);
            using var inspect = await host.InspectAsync(server, ct);
            var address = inspect.RootElement.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty(network).GetProperty("IPAddress").GetString()!;

            var (context, page) = await SignedInPage.OpenAsync(browser.Browser, portal.Stack, "admin", portal.Stack.AdminPassword);
            await using var _ = context;
            await page.GotoAsync($"/hosts/{host.Name}");
            await page.GetByTestId("flow-map-link").ClickAsync();
            await Assertions.Expect(page.GetByTestId("flow-map-title")).ToBeVisibleAsync();
            // Both containers on the map: the agent knows them, so it names the connection's ends by container.
            await Assertions.Expect(page.GetByTestId($"flow-group-{network}").GetByTestId($"flow-node-{server}")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId($"flow-group-{network}").GetByTestId($"flow-node-{client}")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("flow-edges")).ToBeVisibleAsync();
            // Only this test's network: the lab is shared, other tests' flows must not confuse the checks.
            await page.GetByTestId($"flow-network-{network}").ClickAsync();
            var line = page.Locator($"[data-testid=flow-line][data-from$='/{client}'][data-to$='/{server}']");
            var row = page.Locator($"[data-testid=flow-edge-row][data-from='{client}'][data-to='{server}'][data-port='8080/tcp']");
            await Assertions.Expect(line).ToHaveCountAsync(0);
            await page.EvaluateAsync("() => { window.__portalMarker = 42; }");

            // A connection, then the edge on the open page: pushed, not fetched by a reload.
            await ConnectAsync(host, client, address, ct);
            var opened = Stopwatch.StartNew();
            await Assertions.Expect(line).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            var seenAfter = opened.Elapsed;
            await Assertions.Expect(row).ToHaveCountAsync(1);
            Assert.Equal($"{network}/{client}", await line.GetAttributeAsync("data-from"));
            Assert.Equal(network, (await row.Locator("td").Nth(3).TextContentAsync())?.Trim());
            var first = long.Parse((await line.GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);
            Assert.True(first >= 1, $"count {first}");
            TestContext.Current.TestOutputHelper?.WriteLine($"flow edge on the map {seenAfter.TotalMilliseconds:0} ms after the connection closed");

            // Once its light has faded, the next connection lights it again and moves its count.
            await Assertions.Expect(line).ToHaveAttributeAsync("data-lit", "false", new() { Timeout = 15_000 });
            await ConnectAsync(host, client, address, ct);
            await Assertions.Expect(line).ToHaveAttributeAsync("data-lit", "true", new() { Timeout = 15_000 });
            var second = long.Parse((await line.GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);
            Assert.True(second > first, $"count {first} then {second}");
            await Assertions.Expect(row.GetByTestId("flow-edge-count")).ToHaveTextAsync(second.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__portalMarker"));

            // The server's page lists the flow as inbound from the client.
            await page.GotoAsync($"/hosts/{host.Name}/containers/{server}");
            var inbound = page.Locator($"[data-testid=container-flow-row][data-direction=in][data-peer='{client}'][data-port='8080/tcp']");
            await Assertions.Expect(inbound).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }
        finally
        {
            await host.TryDockerAsync(["rm", "-f", client, server], ct);
            await host.TryDockerAsync(["network", "rm", network], ct);
        }
    }

    /// <summary>One TCP connection from the client to the server's listener, read to its end.</summary>
    private static async Task ConnectAsync(Portal.Lab.LabHost host, string client, string address, CancellationToken ct)
    {
        var answer = await host.DockerAsync(["exec", client, "sh", "-c", $"echo ping | nc -w 2 {address} 8080"], ct);
        Assert.Contains("hi", answer, StringComparison.Ordinal);
    }
}
