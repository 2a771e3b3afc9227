using Portal.Contracts.Commands;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Host.Commands;

namespace Portal.Host.Tests.Commands;

public sealed class ActiveCommandsTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Windows_RunningThenFinished_KeptFiveSecondsWithPrediction()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var active = new ActiveCommands(clock);
        var rules = new PortalRuleSet([new PortalBridgePolicy("docker0", false)], []);
        var window = active.Begin(new ApplyPortalRulesCommand(rules) { Intent = 42, User = "op" }, new HashSet<string>());
        var running = Assert.Single(active.Windows(clock.Now));
        Assert.Equal((42L, "op", clock.Now, (DateTimeOffset?)null), (running.Intent, running.User, running.Started, running.Finished));
        Assert.Superset(new HashSet<string>(rules.RuleTexts()), new HashSet<string>(running.PredictedRules));

        clock.Now += TimeSpan.FromSeconds(1);
        window.Dispose();
        Assert.Equal(clock.Now, Assert.Single(active.Windows(clock.Now)).Finished);
        Assert.Single(active.Windows(clock.Now + TimeSpan.FromSeconds(5)));
        Assert.Empty(active.Windows(clock.Now + TimeSpan.FromSeconds(5.1)));
    }

    [Fact]
    public void Begin_RecreateAndStaleRules_ContainersAndPredictedRules()
    {
        var active = new ActiveCommands();
        const string rule = "-A DOCKER -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
        using var recreate = active.Begin(new RecreateContainerCommand("client", [new LinkSpec("web", "web")], [], [], []), new HashSet<string> { "client" });
        using var stale = active.Begin(new RemoveStaleRulesCommand([rule]), new HashSet<string>());
        var windows = active.Windows(DateTimeOffset.UtcNow);
        Assert.Equal(["client"], windows[0].Containers);
        Assert.Empty(windows[0].PredictedRules);
        Assert.Equal([rule], windows[1].PredictedRules);
    }
}
