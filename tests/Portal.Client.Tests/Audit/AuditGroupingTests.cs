using Portal.Client.Audit;
using Portal.Client.Tests.Fakes;
using static Portal.Client.Tests.Fakes.AuditRows;

namespace Portal.Client.Tests.Audit;

public sealed class AuditGroupingTests
{
    [Fact]
    public void Group_Story_OneGroupPerCause()
    {
        var groups = AuditGrouping.Group(Story());

        Assert.Equal([[6L], [5L, 4L], [3L, 2L, 1L]], groups.Select(g => g.Entries.Select(e => e.Id).ToArray()).ToArray());
        Assert.Equal(["external", "portal", "docker"], groups.Select(g => Portal.Contracts.Wire.WireName.Of(g.Cause.Kind)));
        Assert.Equal((1, 1), (groups[1].Added, groups[1].Removed));
    }

    [Fact]
    public void Group_SameCauseMoreThanTwoSecondsApart_TwoGroups()
    {
        var groups = AuditGrouping.Group([Row(2, 5, DockerStartWeb), Row(1, 2.9, DockerStartWeb)]);

        Assert.Equal(2, groups.Count);
    }

    [Fact]
    public void Group_ChainOfRowsEachWithinWindowOfNeighbour_OneGroup()
    {
        // Docker writes a container's rules over time; each step is close to the last even if the ends are not.
        var groups = AuditGrouping.Group([Row(3, 3.0, DockerStartWeb), Row(2, 1.5, DockerStartWeb), Row(1, 0, DockerStartWeb)]);

        Assert.Single(groups);
    }

    [Fact]
    public void Group_DifferentIntentOrContainerOrHost_Split()
    {
        var otherIntent = Portal12 with { Intent = 13 };
        var otherContainer = DockerStartWeb with { Container = "db" };

        Assert.Equal(2, AuditGrouping.Group([Row(2, 0.1, Portal12), Row(1, 0, otherIntent)]).Count);
        Assert.Equal(2, AuditGrouping.Group([Row(2, 0.1, DockerStartWeb), Row(1, 0, otherContainer)]).Count);
        Assert.Equal(2, AuditGrouping.Group([Row(2, 0.1, DockerStartWeb, host: "docker2"), Row(1, 0, DockerStartWeb)]).Count);
    }

    [Fact]
    public void Group_Empty_NoGroups() => Assert.Empty(AuditGrouping.Group([]));

    [Fact]
    public void Describe_EachCauseKind_InNames()
    {
        Assert.Equal("portal: alice (intent 12)", AuditGrouping.Describe(Portal12));
        Assert.Equal("docker: start web", AuditGrouping.Describe(DockerStartWeb));
        Assert.Equal("external (iptables)", AuditGrouping.Describe(ExternalIptables));
        Assert.Equal("external", AuditGrouping.Describe(Portal.Contracts.Model.ChangeCause.External));
    }
}
