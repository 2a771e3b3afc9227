using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Portal.Lab.Stack;
using Portal.Packaging.Tests.Infrastructure;

namespace Portal.Packaging.Tests;

/// <summary>
/// The published server started the way a systemd unit or an operator starts it, from a working directory that is
/// not its own folder (<c>cd /; dotnet /opt/portal/Portal.Server.dll</c>): the page and the static files it loads
/// (Blazor's script, MudBlazor's and the portal's style sheets) come from the server's own folder, not empty.
/// </summary>
public sealed partial class WorkingDirectoryTests
{
    [Fact]
    public async Task PublishedServer_StartedFromRoot_ServesPageAndStaticAssets()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var dll = PortalBinaries.Server;
        Assert.False(PortalBinaries.IsBuildOutput(dll), $"publish the server to artifacts/server first (found {dll})");

        var folder = Directory.CreateTempSubdirectory("portal-cwd-").FullName;
        var url = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var environment = new Dictionary<string, string>
        {
            ["Portal__Database"] = Path.Combine(folder, "portal.db"),
            ["Portal__Bootstrap__AdminUser"] = "admin",
            ["Portal__Bootstrap__AdminPassword"] = "Cwd-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        await using var server = RunningProcess.Start("server", "dotnet", [dll, "--urls", url.ToString().TrimEnd('/')], environment, workingDirectory: "/");
        try
        {
            using var http = new HttpClient { BaseAddress = url };
            await Poll.UntilAsync(
                async ct => server.HasExited ? HttpStatusCode.Gone : await HealthAsync(http, ct),
                status => status is HttpStatusCode.OK or HttpStatusCode.Gone,
                TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(300), status => $"GET /healthz: {status}\n{server.Output}", cancellationToken);
            Assert.False(server.HasExited, "the server exited:\n" + server.Output);

            using var page = await http.GetAsync("/", cancellationToken);
            var html = await page.Content.ReadAsStringAsync(cancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("\"assembly\":\"Portal.Client\"", html, StringComparison.Ordinal);

            // The page names its assets with fingerprints; each must be served with its content.
            var script = Assert.Single(BlazorScript().Matches(html)).Groups["url"].Value;
            var mudCss = Assert.Single(MudBlazorStyleSheet().Matches(html)).Groups["url"].Value;
            await AssertServedAsync(http, script, "Blazor", cancellationToken);
            await AssertServedAsync(http, mudCss, ".mud-", cancellationToken);
            await AssertServedAsync(http, "_framework/blazor.web.js", "Blazor", cancellationToken);
        }
        finally
        {
            await server.KillAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertServedAsync(HttpClient http, string path, string expected, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        Assert.True(body.Length > 0, $"GET {path}: 200 with an empty body");
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> HealthAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/healthz", cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<script src=\"(?<url>_framework/blazor\\.web\\.[^\"]+\\.js)\"")]
    private static partial Regex BlazorScript();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(?<url>_content/MudBlazor/[^\"]+\\.css)\"")]
    private static partial Regex MudBlazorStyleSheet();
}
