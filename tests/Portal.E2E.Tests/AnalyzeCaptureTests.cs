using Microsoft.Playwright;

namespace Portal.E2E.Tests;

/// <summary>
/// "Analyze a capture" in a real browser against the real server: the lab capture pasted (and one file uploaded), the
/// rules labelled with their owners and the findings shown, the capture never sent to the server, nothing refused by the Content-Security-Policy (the upload included).
/// </summary>
public sealed class AnalyzeCaptureTests(StackFixture portal, BrowserFixture browser)
{
    private static readonly string Capture = Path.Combine(Portal.Lab.Lab.RepositoryRoot, "tests", "Portal.Core.Tests", "Analysis", "Capture");

    [Fact]
    public async Task PasteCapture_Analyze_RulesLabelledAndFindingsShown_NothingSent()
    {
        var ct = TestContext.Current.CancellationToken;
        var (context, page) = await SignedInPage.OpenAsync(browser.Browser, portal.Stack, "admin", portal.Stack.AdminPassword);
        await using var _ = context;
        var sent = new List<string>();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (request.PostData is { } body && body.Contains("ana-web", StringComparison.Ordinal))
            {
                sent.Add($"{request.Method} {request.Url}");
            }
        };

        await page.GetByTestId("nav-analyze").ClickAsync();
        await page.Locator("#capture-rules-text").FillAsync(await File.ReadAllTextAsync(Path.Combine(Capture, "rules.txt"), ct));
        await page.Locator("#capture-containers-text").FillAsync(await File.ReadAllTextAsync(Path.Combine(Capture, "containers.json"), ct));
        await page.Locator("#capture-networks-file").SetInputFilesAsync(Path.Combine(Capture, "networks.json"));
        await Assertions.Expect(page.Locator("#capture-networks-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("ana-net"));
        await page.GetByTestId("analyze-run").ClickAsync();

        var dnat = page.GetByTestId("rule-row-nat-DOCKER-3");
        await Assertions.Expect(dnat.GetByTestId("rule-owner")).ToHaveTextAsync("port 8080/tcp -> ana-web:80");
        await Assertions.Expect(page.GetByTestId("analysis-rules").GetByTestId("rule-owner")).ToHaveCountAsync(40);
        await Assertions.Expect(page.Locator("[data-testid=finding-row][data-kind=input-bypass]")).ToContainTextAsync("port 8080/tcp of ana-web");
        await Assertions.Expect(page.Locator("[data-testid=finding-row][data-kind=stale-link-rule]")).ToHaveCountAsync(2);
        Assert.Empty(sent);
        Assert.Empty(violations);
    }
}
