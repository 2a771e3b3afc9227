using Bunit;
using Portal.Client.Pages;
using Portal.Contracts.Api;

namespace Portal.Client.Tests.Pages;

public sealed class AdminRevealsTests : PortalTestContext
{
    [Fact]
    public void Admin_Reveals_ListedWhoWhenWhere()
    {
        SignIn(Roles.Admin);
        Api.RevealRecords =
        [
            new SecretRevealView(2, "olga", new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), "docker1", "client", "DB_PASSWORD"),
            new SecretRevealView(1, "oscar", new DateTimeOffset(2026, 11, 29, 11, 0, 0, TimeSpan.Zero), "docker2", "db", "api_token"),
        ];

        var cut = Context.Render<Portal.Client.Pages.Admin>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=reveal-row]").Count), Patience);
        var first = cut.FindAll("[data-testid=reveal-row]")[0].TextContent;
        Assert.Contains("olga", first);
        Assert.Contains("2026-11-29 12:00:00Z", first);
        Assert.Contains("docker1", first);
        Assert.Contains("DB_PASSWORD", first);
    }

    [Fact]
    public void Admin_NoReveals_SaidSo()
    {
        SignIn(Roles.Admin);

        var cut = Context.Render<Portal.Client.Pages.Admin>();

        cut.WaitForElement("[data-testid=reveals-empty]", Patience);
    }
}
