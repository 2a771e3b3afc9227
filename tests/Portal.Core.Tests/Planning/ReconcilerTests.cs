using System.Text.Json;
using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.PortalRules;
using Portal.Core.Reconcile;

namespace Portal.Core.Tests.Planning;

public sealed class ReconcilerTests
{
    [Fact]
    public void LinkLostByRecreationOutsideThePortal_IsDriftedWithARecreateRepair()
    {
        var state = SampleHost.State(icc: true);

        var result = Reconciler.Evaluate([new StoredIntent(1, new LinkIntent("client", "web", "web"))], state.Snapshot);

        var verdict = Assert.Single(result.Intents);
        Assert.Equal(IntentStatus.Drifted, verdict.Status);
        var recreate = Assert.IsType<RecreateContainerCommand>(Assert.Single(verdict.Repair!.Commands));
        Assert.Equal([new LinkSpec("web", "web")], recreate.AddLinks);
    }

    [Fact]
    public void LinkPresentAndChainInStep_IsApplied()
    {
        var linked = SampleHost.State(icc: true).Container("client")! with { Links = [new ContainerLink("web", "web")] };
        var snapshot = WithContainer(SampleHost.State(icc: true).Snapshot, linked);
        var desired = PortalChain.Derive([new LinkIntent("client", "web", "web")], snapshot);
        snapshot = WithChain(snapshot, desired, jump: true);

        var result = Reconciler.Evaluate([new StoredIntent(1, new LinkIntent("client", "web", "web"))], snapshot);

        Assert.Equal(IntentStatus.Applied, Assert.Single(result.Intents).Status);
        Assert.False(result.ChainDrifted);
        Assert.Empty(result.HostRepairs);
    }

    [Fact]
    public void ChainFlushedBySomeone_IsDriftedAndRewritten()
    {
        var intents = new[] { new StoredIntent(2, new IccIntent("bridge", false)) };
        var snapshot = SampleHost.State(icc: true).Snapshot;
        var desired = PortalChain.Derive(intents.Select(i => i.Spec), snapshot);
        var flushed = WithChain(snapshot, PortalRuleSet.Empty, jump: true);

        var result = Reconciler.Evaluate(intents, flushed);

        Assert.True(result.ChainDrifted);
        Assert.Equal(IntentStatus.Drifted, result.Intents[0].Status);
        var rewrite = Assert.IsType<ApplyPortalRulesCommand>(Assert.Single(result.HostRepairs));
        Assert.Equal(desired.RuleTexts(), rewrite.Rules.RuleTexts());
        Assert.Contains("-A PORTAL-ICC -i docker0 -o docker0 -j DROP", rewrite.Rules.RuleTexts());
    }

    [Fact]
    public void ChainFollowsAMovedContainer()
    {
        var intents = new[] { new StoredIntent(1, new LinkIntent("client", "web", "web")), new StoredIntent(2, new IccIntent("bridge", false)) };
        var snapshot = SampleHost.State(icc: false).Snapshot;
        var linked = new HostState(snapshot).Container("client")! with { Links = [new ContainerLink("web", "web")] };
        snapshot = WithContainer(snapshot, linked);
        var before = PortalChain.Derive(intents.Select(i => i.Spec), snapshot);
        var web = new HostState(snapshot).Container("web")!;
        var moved = WithContainer(WithChain(snapshot, before, jump: true), web with { Endpoints = [new Endpoint("bridge", "172.17.0.9", null, [])] });

        var result = Reconciler.Evaluate(intents, moved);

        Assert.True(result.ChainDrifted);
        Assert.Contains("-A PORTAL-ICC -s 172.17.0.3/32 -d 172.17.0.9/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", result.DesiredChain.RuleTexts());
        Assert.DoesNotContain(result.DesiredChain.RuleTexts(), r => r.Contains("172.17.0.2/32", StringComparison.Ordinal));
    }

    [Fact]
    public void DockersStaleLinkRules_AreRemoved()
    {
        const string stale = "-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
        var snapshot = SampleHost.State(icc: false).Snapshot with
        {
            Rules = [new Rule("filter", "DOCKER", 1, stale, new RuleOwner(RuleOwnerKind.Link, Source: "client", Target: "web", Role: "stale"))],
        };

        var result = Reconciler.Evaluate([], snapshot);

        Assert.Equal([stale], Assert.IsType<RemoveStaleRulesCommand>(result.HostRepairs[0]).Rules);
    }

    [Fact]
    public void NothingWanted_NothingWritten()
    {
        var result = Reconciler.Evaluate([], SampleHost.State(icc: false).Snapshot);

        Assert.False(result.ChainDrifted);
        Assert.Empty(result.HostRepairs);
    }

    [Fact]
    public void PortAndNetworkAndConnection_DriftAndRepairs()
    {
        var intents = new StoredIntent[]
        {
            new(1, new PortIntent("web", 80, "tcp", 8080, null)),
            new(2, new PortIntent("client", 80, "tcp", 8088, null)),
            new(3, new NetworkIntent("gone", "172.29.0.0/24", null, true, true, null)),
            new(4, new ConnectionIntent("appnet", "db", null, null)),
            new(5, new ConnectionIntent("appnet", "web", "www", null)),
        };

        var verdicts = Reconciler.Evaluate(intents, SampleHost.State().Snapshot).Intents;

        Assert.Equal(
            [IntentStatus.Applied, IntentStatus.Drifted, IntentStatus.Drifted, IntentStatus.Applied, IntentStatus.Drifted],
            verdicts.Select(v => v.Status));
        Assert.IsType<RecreateContainerCommand>(verdicts[1].Repair!.Commands[0]);
        Assert.IsType<CreateNetworkCommand>(verdicts[2].Repair!.Commands[0]);
        Assert.Equal(new ConnectCommand("appnet", "web", "www", null), verdicts[4].Repair!.Commands[0]);
    }

    [Fact]
    public void IntentsAndCommands_RoundTripThroughJsonWithTheirKind()
    {
        IntentSpec spec = new PortIntent("web", 80, "tcp", 8080, "127.0.0.1");
        var json = JsonSerializer.Serialize(spec, PortalJson.Options);
        Assert.Contains("\"kind\":\"port\"", json);
        Assert.Equal(spec, JsonSerializer.Deserialize<IntentSpec>(json, PortalJson.Options));

        AgentCommand command = new RemoveStaleRulesCommand(["-A DOCKER -j ACCEPT"]) { Intent = 4, User = "alice" };
        var text = JsonSerializer.Serialize(command, PortalJson.Options);
        var back = Assert.IsType<RemoveStaleRulesCommand>(JsonSerializer.Deserialize<AgentCommand>(text, PortalJson.Options));
        Assert.Equal((4L, "alice"), (back.Intent, back.User));
        Assert.Equal(command.As<RemoveStaleRulesCommand>().Rules, back.Rules);
    }

    private static HostSnapshot WithContainer(HostSnapshot snapshot, Container container) =>
        snapshot with { Containers = [.. snapshot.Containers.Where(c => c.Name != container.Name), container] };

    private static HostSnapshot WithChain(HostSnapshot snapshot, PortalRuleSet chain, bool jump)
    {
        var rules = chain.RuleTexts().Select((t, i) => new Rule("filter", PortalRuleSet.Chain, i + 1, t, new RuleOwner(RuleOwnerKind.Portal))).ToList();
        if (jump)
        {
            rules.Add(new Rule("filter", "DOCKER-USER", 1, PortalRuleSet.JumpRule, new RuleOwner(RuleOwnerKind.Portal)));
        }

        return snapshot with { Rules = [.. snapshot.Rules, .. rules] };
    }
}

internal static class CommandCast
{
    public static T As<T>(this AgentCommand command) where T : AgentCommand => (T)command;
}
