using Portal.Client.Intents;
using Portal.Contracts.Intents;
using static Portal.Client.Tests.Fakes.FakePortalApi;

namespace Portal.Client.Tests.Intents;

public sealed class IntentListTests
{
    [Fact]
    public void Apply_ChangedIntent_ReplacedByIdNewestFirst()
    {
        var held = IntentList.Apply([], [SampleIntent(1, IntentStatus.Applied), SampleIntent(2, IntentStatus.Pending)]);

        var after = IntentList.Apply(held, [SampleIntent(2, IntentStatus.Failed, error: "boom"), SampleIntent(3, IntentStatus.Pending)]);

        Assert.Equal([3L, 2L, 1L], after.Select(i => i.Id));
        Assert.Equal(IntentStatus.Failed, after[1].Status);
    }

    [Fact]
    public void Apply_HostFilter_OtherHostsIgnored()
    {
        var after = IntentList.Apply([], [SampleIntent(1, IntentStatus.Applied, "docker1"), SampleIntent(2, IntentStatus.Applied, "docker2")], "docker1");

        Assert.Equal([1L], after.Select(i => i.Id));
    }

    [Fact]
    public void Apply_RemovedStatus_IntentLeavesList()
    {
        var held = IntentList.Apply([], [SampleIntent(1, IntentStatus.Applied), SampleIntent(2, IntentStatus.Applied)]);

        var after = IntentList.Apply(held, [SampleIntent(1, IntentStatus.Removed)]);

        Assert.Equal([2L], after.Select(i => i.Id));
    }

    [Theory]
    [InlineData(IntentStatus.Failed, true)]
    [InlineData(IntentStatus.Drifted, true)]
    [InlineData(IntentStatus.Applied, false)]
    [InlineData(IntentStatus.Pending, false)]
    public void CanRetry_ByStatus(IntentStatus status, bool expected) => Assert.Equal(expected, IntentList.CanRetry(SampleIntent(1, status)));
}
