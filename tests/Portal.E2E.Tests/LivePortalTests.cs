using Microsoft.Playwright;

namespace Portal.E2E.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>The live portal in a real browser against the real two-host lab.</summary>
public sealed class LivePortalTests(StackFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task Home_AfterSignIn_ShowsBothHostsOnlineAndTheirSameAddressContainers()
    {
        var ct = TestContext.Current.CancellationToken;
        // The classic picture, made deterministic in a lab other tests share: one network with the same subnet on
        // both hosts and a container at the same fixed address on each.
        var network = Lab.UniqueName("e2e-n");
        var name = Lab.UniqueName("e2e-twin");
        foreach (var host in Lab.Hosts)
        {
            await host.DockerAsync(["network", "create", "--subnet", "172.31.250.0/24", network], ct);
            await host.DockerAsync(["run", "-d", "--name", name, "--network", network, "--ip", "172.31.250.2", "busybox", "sleep", "3600"], ct);
        }

        try
        {
            var (context, page) = await SignedInPage.OpenAsync(browser.Browser, portal.Stack, "admin", portal.Stack.AdminPassword);
            await using var _ = context;

            foreach (var host in Lab.Hosts)
            {
                await Assertions.Expect(page.GetByTestId($"host-online-{host.Name}")).ToHaveAttributeAsync("data-online", "true");
                var twin = page.GetByTestId($"zone-container-{host.Name}-{name}");
                await Assertions.Expect(twin).ToContainTextAsync("172.31.250.2");
                await Assertions.Expect(twin).ToHaveAttributeAsync("data-shared", "true");
            }
        }
        finally
        {
            foreach (var host in Lab.Hosts)
            {
                await host.TryDockerAsync(["rm", "-f", name], ct);
                await host.TryDockerAsync(["network", "rm", network], ct);
            }
        }
    }

    [Fact]
    public async Task HostPage_ContainerStartedInTheLab_AppearsWithoutReload()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Docker1;
        var name = Lab.UniqueName("e2e-new");
        var (context, page) = await SignedInPage.OpenAsync(browser.Browser, portal.Stack, "admin", portal.Stack.AdminPassword);
        await using var _ = context;
        await page.GotoAsync($"/hosts/{host.Name}");
        await Assertions.Expect(page.GetByTestId("containers-table")).ToBeVisibleAsync();
        // A marker on the window object survives only if the page is never reloaded.
        await page.EvaluateAsync("() => { window.__portalMarker = 42; }");

        try
        {
            await host.DockerAsync(["run", "-d", "--name", name, "busybox", "sleep", "3600"], ct);
            var inspect = await host.InspectAsync(name, ct);
            var address = inspect.RootElement.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty("bridge").GetProperty("IPAddress").GetString();

            var row = page.GetByTestId($"container-row-{name}");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(row).ToContainTextAsync(address!);
            Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__portalMarker"));

            await host.DockerAsync(["rm", "-f", name], ct);
            await Assertions.Expect(page.GetByTestId($"container-row-{name}")).ToHaveCountAsync(0);
            Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__portalMarker"));
        }
        finally
        {
            await host.TryDockerAsync(["rm", "-f", name], ct);
        }
    }
}
