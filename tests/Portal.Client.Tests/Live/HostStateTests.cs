using Portal.Client.Live;
using Portal.Client.Tests.Fakes;
using Portal.Core.Api;

namespace Portal.Client.Tests.Live;

public sealed class HostStateTests
{
    [Fact]
    public void Apply_UpsertAndRemove_MergesByNameOrId()
    {
        var state = ClassicPicture.Docker1State();
        var stopped = ClassicPicture.Web with { State = "exited" };

        var next = state.Apply(new HostChange("docker1", 3, ClassicPicture.Summary("docker1", true, 1),
            UpsertedContainers: [stopped], RemovedContainers: ["id-client"]));

        var only = Assert.Single(next.Containers);
        Assert.Equal("exited", only.State);
        Assert.Equal(ClassicPicture.Docker1Rules, next.Rules);
        Assert.Equal(1, next.Summary!.Containers);
    }

    [Fact]
    public void Apply_ResyncWithContainers_ReplacesEverything()
    {
        var state = ClassicPicture.Docker1State();

        var next = state.Apply(new HostChange("docker1", 0, ClassicPicture.Summary("docker1", true, 1), Resync: true,
            Bridges: [], UpsertedContainers: [ClassicPicture.Db], Rules: []));

        Assert.Equal(["db"], next.Containers.Select(c => c.Name));
        Assert.Empty(next.Rules);
        Assert.Empty(next.Bridges);
    }

    [Fact]
    public void Apply_OtherHost_Ignored()
    {
        var state = ClassicPicture.Docker1State();

        var next = state.Apply(new HostChange("docker2", 3, ClassicPicture.Summary("docker2", false, 0), RemovedContainers: ["web"]));

        Assert.Same(state, next);
    }

    [Fact]
    public void ToResync_AppliedToEmpty_GivesTheSameState()
    {
        var state = ClassicPicture.Docker1State();

        var copy = HostState.Empty("docker1").Apply(state.ToResync());

        Assert.Equal(state.Containers, copy.Containers);
        Assert.Equal(state.Rules, copy.Rules);
        Assert.Equal(state.Bridges, copy.Bridges);
    }
}
