using Portal.Client.Audit;
using Portal.Contracts.Model;
using static Portal.Client.Tests.Fakes.AuditRows;

namespace Portal.Client.Tests.Audit;

public sealed class AuditQueryTests
{
    [Fact]
    public void ToQueryString_AllFilters_EscapedInContractNames()
    {
        var query = new AuditQuery("docker1", "nat", "DOCKER-USER", "web", "docker", T0, T0.AddHours(1), 50, 900);

        Assert.Equal(
            "?host=docker1&table=nat&chain=DOCKER-USER&container=web&cause=docker&since=2025-03-04T10%3A00%3A00.0000000%2B00%3A00"
            + "&until=2025-03-04T11%3A00%3A00.0000000%2B00%3A00&limit=50&before=900",
            query.ToQueryString());
    }

    [Fact]
    public void ToQueryString_CsvWithoutPaging_NoLimitNoBefore()
    {
        Assert.Equal("?host=docker1", new AuditQuery("docker1", Before: 5).ToQueryString(paging: false));
        Assert.Equal(string.Empty, new AuditQuery().ToQueryString(paging: false));
    }

    [Fact]
    public void Matches_ContainerFilter_MatchesOwnerLinkEndsAndCause()
    {
        var query = new AuditQuery(Container: "web");

        Assert.True(query.Matches(Row(1, 0, ChangeCause.External, owner: new RuleOwner(RuleOwnerKind.Port, Container: "web"))));
        Assert.True(query.Matches(Row(2, 0, ChangeCause.External, owner: new RuleOwner(RuleOwnerKind.Link, Source: "client", Target: "web"))));
        Assert.True(query.Matches(Row(3, 0, DockerStartWeb)));
        Assert.False(query.Matches(Row(4, 0, ChangeCause.External, owner: new RuleOwner(RuleOwnerKind.Port, Container: "db"))));
    }

    [Fact]
    public void Matches_HostTableChainCauseAndTime_EachFilters()
    {
        var row = Row(1, 10, DockerStartWeb, table: "nat", chain: "DOCKER");

        Assert.True(new AuditQuery("docker1", "nat", "DOCKER", null, "docker", T0, T0.AddSeconds(10)).Matches(row));
        Assert.False(new AuditQuery(Host: "docker2").Matches(row));
        Assert.False(new AuditQuery(Table: "filter").Matches(row));
        Assert.False(new AuditQuery(Chain: "POSTROUTING").Matches(row));
        Assert.False(new AuditQuery(Cause: "portal").Matches(row));
        Assert.False(new AuditQuery(Since: T0.AddSeconds(11)).Matches(row));
        Assert.False(new AuditQuery(Until: T0.AddSeconds(9)).Matches(row));
    }
}
