using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Api;
using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Core.State;
using Portal.Server.Changes;
using Portal.Server.Reconciling;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Changes;

/// <summary>The reconciler against a fake agent: drift is what the agent reports, repairs are what it is sent.</summary>
public sealed class ReconcilerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task LinkLostOutsidePortal_Reconciler_RecreatesWithLinkAndMarksApplied()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        var intent = await LinkAsync(op, host);

        // client recreated by someone else: a new id, no link.
        await agent.DeltaAsync(upserted: [ChangeHosts.Client() with { Id = "c11e4799" }]);

        var repair = await agent.NextAsync<RecreateContainerCommand>(user: HostReconciler.User);
        Assert.Equal(("client", new LinkSpec("web", "web")), (repair.Container, Assert.Single(repair.AddLinks)));
        Assert.Equal(intent.Id, repair.Intent);
        await Eventually.TrueAsync(
            async () => (await ChangeClient.IntentsAsync(op, host)).Single().Status == IntentStatus.Applied,
            "the repaired intent is applied");
    }

    [Fact]
    public async Task PortalChainFlushed_Reconciler_RewritesIt()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Put, $"/api/hosts/{host}/networks/bridge/icc", new IccRequest(false));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var applied = Assert.IsType<ApplyPortalRulesCommand>(Assert.Single(agent.Received));
        var chain = applied.Rules.RuleTexts().Select((t, i) => new Rule("filter", PortalRuleSet.Chain, i + 1, t, new RuleOwner(RuleOwnerKind.Portal)))
            .Append(new Rule("filter", "DOCKER-USER", 1, PortalRuleSet.JumpRule, new RuleOwner(RuleOwnerKind.Portal)))
            .Append(Forward())
            .ToList();
        var reconciler = factory.Services.GetRequiredService<HostReconciler>();
        var passes = reconciler.Passes(host);
        await agent.DeltaAsync(chains: ChainFold.Chains(chain));
        await Eventually.TrueAsync(() => Task.FromResult(reconciler.Passes(host) > passes), "a pass over the chain in place");
        Assert.Single(agent.Received);
        Assert.Equal(IntentStatus.Applied, (await ChangeClient.IntentsAsync(op, host)).Single().Status);

        // Someone ran iptables -F PORTAL-ICC and dropped the jump: the delta names the two emptied chains.
        await agent.DeltaAsync(chains: [new ChainRules("filter", PortalRuleSet.Chain, []), new ChainRules("filter", "DOCKER-USER", [])]);

        var rewrite = await agent.NextAsync<ApplyPortalRulesCommand>(user: HostReconciler.User);
        Assert.Equal(applied.Rules.RuleTexts(), rewrite.Rules.RuleTexts());
        Assert.Contains("-A PORTAL-ICC -i docker0 -o docker0 -j DROP", rewrite.Rules.RuleTexts());
    }

    [Fact]
    public async Task ChainReportedMissingRightAfterItsWrite_IsRewrittenOnlyOnceTheWriteIsFiveSecondsOld()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        var started = DateTimeOffset.UtcNow;
        var (status, _) = await ChangeClient.SendAsync(op, HttpMethod.Put, $"/api/hosts/{host}/networks/bridge/icc", new IccRequest(false));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);

        // A report that predates the write (the chain empty) arrives after it, with a newer sequence.
        await agent.DeltaAsync(chains: [new ChainRules("filter", PortalRuleSet.Chain, []), new ChainRules("filter", "DOCKER-USER", [])]);

        var rewrite = await agent.NextAsync<ApplyPortalRulesCommand>(user: HostReconciler.User);
        var gap = DateTimeOffset.UtcNow - started;
        Assert.True(gap >= WrittenChains.Duration - TimeSpan.FromMilliseconds(100), $"rewritten {gap.TotalSeconds:0.0} s after the change began");
        Assert.Contains("-A PORTAL-ICC -i docker0 -o docker0 -j DROP", rewrite.Rules.RuleTexts());
    }

    private static Rule Forward() => new("filter", "FORWARD", 1, "-A FORWARD -j DOCKER-USER", new RuleOwner(RuleOwnerKind.Docker));

    private async Task<IntentView> LinkAsync(PortalClient op, string host)
    {
        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/links", new LinkRequest("client", "web", "web"));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        return ChangeClient.Read(body).Intent!;
    }

    private Task<(PortalClient Operator, string Host, FakeAgent Agent)> SetUpAsync() => FakeAgent.OnNewHostAsync(factory, ChangeHosts.Classic);
}
