using Portal.Client.Live;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;

namespace Portal.Client.Tests.Live;

public sealed class HostListStateTests
{
    [Fact]
    public void Apply_Summaries_UpsertSortedByName()
    {
        var list = HostListState.From([ClassicPicture.Summary("docker2", true, 1)]);

        var next = list.Apply([
            new HostChange("docker1", 1, ClassicPicture.Summary("docker1", true, 2)),
            new HostChange("docker2", 7, ClassicPicture.Summary("docker2", false, 1)),
        ]);

        Assert.Equal(["docker1", "docker2"], next.Hosts.Select(h => h.Name));
        Assert.False(next.Hosts[1].Online);
    }

    [Fact]
    public void Apply_Reload_DropsHostsNotInTheNewList()
    {
        var list = HostListState.From([ClassicPicture.Summary("docker1", true, 2), ClassicPicture.Summary("gone", true, 0)]);

        var next = list.Apply(HostListState.ToReload([ClassicPicture.Summary("docker1", false, 2)]));

        var only = Assert.Single(next.Hosts);
        Assert.Equal("docker1", only.Name);
        Assert.False(only.Online);
    }
}
