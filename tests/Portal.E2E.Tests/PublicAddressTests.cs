using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace Portal.E2E.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>
/// A public address set up from the container page in a real browser: the form, the plan, Apply; then the physical
/// network reaches the container on the address (a TCP answer from the container's own listener, ground truth), the
/// zones diagram on the home page shows the address on the physical network, and Remove takes the address off eth0.
/// </summary>
public sealed class PublicAddressTests(StackFixture portal, BrowserFixture browser)
{
    private const string Address = "10.20.30.154";
    private const int Port = 9000;

    [Fact]
    public async Task ContainerPage_SetPublicAddress_ReachableFromThePhysicalNetworkAndDrawnOnTheZones()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Docker1;
        var name = Lab.UniqueName("e2e-pub");
        await host.DockerAsync(["run", "-d", "--name", name, "busybox", "sh", "-c", $"trap 'exit 0' TERM; nc -ll -p {Port} -e echo hi & wait"], ct);
        try
        {
            var (context, page) = await SignedInPage.OpenAsync(browser.Browser, portal.Stack, "admin", portal.Stack.AdminPassword);
            await using var _ = context;
            await page.GotoAsync($"/hosts/{host.Name}/containers/{name}");
            await page.GetByTestId("public-address-set").ClickAsync(new() { Timeout = 30_000 });
            await page.Locator("#field-input-address").FillAsync(Address);
            await page.GetByTestId("plan-refresh").ClickAsync();
            await Assertions.Expect(page.GetByTestId("plan-summary")).ToContainTextAsync(Address);
            Assert.NotEqual("hi", await AnswerAsync(ct));

            await page.GetByTestId("plan-apply").ClickAsync();
            await Assertions.Expect(page.GetByTestId("change-result")).ToContainTextAsync("applied", new() { Timeout = 60_000 });
            await page.GetByTestId("change-close").ClickAsync();

            Assert.Contains($"{Address}/32", await EthernetAddressesAsync(ct));
            Assert.Equal("hi", await AnswerAsync(ct));
            await Assertions.Expect(page.GetByTestId("public-address-value")).ToHaveTextAsync(Address, new() { Timeout = 30_000 });

            await page.GotoAsync("/");
            var label = page.GetByTestId($"zone-public-{host.Name}-{Address}");
            await Assertions.Expect(label).ToContainTextAsync($"{Address} → {name}", new() { Timeout = 30_000 });
            await Assertions.Expect(label).ToHaveAttributeAsync("data-held", "true");
            await Assertions.Expect(page.GetByTestId($"zone-container-{host.Name}-{name}")).ToContainTextAsync($"⇄ {Address}");

            await page.GotoAsync($"/hosts/{host.Name}/containers/{name}");
            await page.GetByTestId("public-address-remove").ClickAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("plan-summary")).ToContainTextAsync(Address);
            await page.GetByTestId("plan-apply").ClickAsync();
            await Assertions.Expect(page.GetByTestId("change-result")).ToContainTextAsync($"removed address {Address}", new() { Timeout = 60_000 });
            Assert.DoesNotContain($"{Address}/32", await EthernetAddressesAsync(ct));
            Assert.NotEqual("hi", await AnswerAsync(ct));
        }
        finally
        {
            await portal.Stack.Admin.SendJsonAsync(HttpMethod.Delete, $"/api/hosts/{host.Name}/addresses/{Address}", null, ct);
            await host.TryDockerAsync(["rm", "-f", name], ct);
        }
    }

    /// <summary>What a TCP connect to the address from the physical network (this process, 10.20.30.1) answers.</summary>
    private static async Task<string> AnswerAsync(CancellationToken ct)
    {
        try
        {
            using var tcp = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await tcp.ConnectAsync(IPAddress.Parse(Address), Port, timeout.Token);
            var buffer = new byte[16];
            var read = await tcp.GetStream().ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).Trim();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return $"no answer: {e.Message}";
        }
    }

    private static async Task<string> EthernetAddressesAsync(CancellationToken ct) =>
        await Lab.Docker1.InNamespaceAsync("ip", ["-4", "-o", "addr", "show", "dev", "eth0"], ct);
}
