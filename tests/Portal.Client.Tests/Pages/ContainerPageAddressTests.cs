using Bunit;
using Portal.Client.Pages;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Pages;

/// <summary>The container page's public address: read back from the host's PORTAL-SNAT rule, with set and remove for operators.</summary>
public sealed class ContainerPageAddressTests : PortalTestContext
{
    [Fact]
    public void ContainerPage_Mapped_ShowsTheAddressAndRemoveForOperators()
    {
        var state = ClassicPicture.Docker1State();
        Feed.Host = state with
        {
            Snapshot = state.Snapshot with
            {
                Rules = [.. state.Rules, new Rule("nat", "PORTAL-SNAT", 1, "-A PORTAL-SNAT -s 172.17.0.2/32 -o eth0 -j SNAT --to-source 10.20.30.150", new RuleOwner(RuleOwnerKind.Portal))],
            },
        };
        SignIn(Roles.Operator);

        var web = Context.Render<ContainerPage>(p => p.Add(c => c.Host, "docker1").Add(c => c.Name, "web"));
        web.WaitForAssertion(() => Assert.Equal("10.20.30.150", web.Find("[data-testid=public-address-value]").TextContent), Patience);
        Assert.Single(web.FindAll("[data-testid=public-address-remove]"));

        var client = Context.Render<ContainerPage>(p => p.Add(c => c.Host, "docker1").Add(c => c.Name, "client"));
        client.WaitForAssertion(() => Assert.Single(client.FindAll("[data-testid=public-address-set]")), Patience);
        Assert.Empty(client.FindAll("[data-testid=public-address-value]"));
    }

    [Fact]
    public void ContainerPage_Viewer_NoSetButton()
    {
        Feed.Host = ClassicPicture.Docker1State();
        SignIn(Roles.Viewer);

        var cut = Context.Render<ContainerPage>(p => p.Add(c => c.Host, "docker1").Add(c => c.Name, "client"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=public-address]")), Patience);
        Assert.Empty(cut.FindAll("[data-testid=public-address-set]"));
    }
}
