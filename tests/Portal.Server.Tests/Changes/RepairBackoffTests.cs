using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Api;
using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Core.State;
using Portal.Server.Reconciling;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Changes;

/// <summary>A server of its own: these tests change the backoff's spacing.</summary>
public sealed class RepairBackoffTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task RepairRefused_Backoff_OneAttemptPerSpacingThenFailedAfterThree()
    {
        var backoff = factory.Services.GetRequiredService<RepairBackoff>();
        backoff.Spacing = TimeSpan.FromSeconds(10);
        var reconciler = factory.Services.GetRequiredService<HostReconciler>();
        var (op, host, agent) = await SetUpAsync();
        using var signedIn = op;
        await using var owned = agent;
        var (status, _) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/links", new LinkRequest("client", "web", "web"));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        agent.Answer = c => c is RecreateContainerCommand ? CommandResult.Refused(502, "Error response from daemon: no space left on device") : CommandResult.Done([]);

        // The link is lost; the repair is refused; two more observed changes come within the spacing (10 s).
        await agent.DeltaAsync(upserted: [ChangeHosts.Client() with { Id = "c11e4798" }]);
        await agent.NextAsync<RecreateContainerCommand>(user: HostReconciler.User);
        for (var i = 0; i < 2; i++)
        {
            var passes = reconciler.Passes(host);
            await agent.DeltaAsync(upserted: [ChangeHosts.Client() with { Id = "c11e4798" }]);
            await Eventually.TrueAsync(() => Task.FromResult(reconciler.Passes(host) > passes), "another pass");
        }

        Assert.Single(agent.Received.OfType<RecreateContainerCommand>(), c => c.User == HostReconciler.User);
        var drifted = (await ChangeClient.IntentsAsync(op, host)).Single();
        Assert.Equal(IntentStatus.Drifted, drifted.Status);
        Assert.Contains("no space left on device", drifted.Error);

        // With no spacing, each pass tries again, until the third failure gives up.
        backoff.Spacing = TimeSpan.Zero;
        await Eventually.TrueAsync(
            async () =>
            {
                await agent.DeltaAsync(upserted: [ChangeHosts.Client() with { Id = "c11e4798" }]);
                return (await ChangeClient.IntentsAsync(op, host)).Single().Status == IntentStatus.Failed;
            },
            "the intent fails after three refused repairs");
        var failed = (await ChangeClient.IntentsAsync(op, host)).Single();
        Assert.Contains("3 repairs failed", failed.Error);
        var attempts = agent.Received.OfType<RecreateContainerCommand>().Count(c => c.User == HostReconciler.User);
        var passesAfter = reconciler.Passes(host);
        await agent.DeltaAsync(upserted: [ChangeHosts.Client() with { Id = "c11e4798" }]);
        await Eventually.TrueAsync(() => Task.FromResult(reconciler.Passes(host) > passesAfter), "a pass after the failure");
        Assert.Equal(3, attempts);
        Assert.Equal(3, agent.Received.OfType<RecreateContainerCommand>().Count(c => c.User == HostReconciler.User));
    }

    [Fact]
    public async Task SecondDriftWithinTheSpacing_IsRepairedWhenTheSpacingEnds_WithoutAnotherEvent()
    {
        var backoff = factory.Services.GetRequiredService<RepairBackoff>();
        backoff.Spacing = TimeSpan.FromSeconds(3);
        var (op, host, agent) = await SetUpAsync();
        using var signedIn = op;
        await using var owned = agent;
        var (status, _) = await ChangeClient.SendAsync(op, HttpMethod.Put, $"/api/hosts/{host}/networks/bridge/icc", new IccRequest(false));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var applied = Assert.IsType<ApplyPortalRulesCommand>(Assert.Single(agent.Received));
        var inPlace = ChainFold.Chains(applied.Rules.RuleTexts()
            .Select((t, i) => new Rule("filter", PortalRuleSet.Chain, i + 1, t, new RuleOwner(RuleOwnerKind.Portal)))
            .Append(new Rule("filter", "DOCKER-USER", 1, PortalRuleSet.JumpRule, new RuleOwner(RuleOwnerKind.Portal)))
            .Append(new Rule("filter", "FORWARD", 1, "-A FORWARD -j DOCKER-USER", new RuleOwner(RuleOwnerKind.Docker)))
            .ToList());
        IReadOnlyList<ChainRules> flushed = [new ChainRules("filter", PortalRuleSet.Chain, []), new ChainRules("filter", "DOCKER-USER", [])];

        // Flushed once: rewritten at once. The agent reports the chain back in place, then flushed again.
        await agent.DeltaAsync(chains: flushed);
        await agent.NextAsync<ApplyPortalRulesCommand>(user: HostReconciler.User);
        var first = DateTimeOffset.UtcNow;
        await agent.DeltaAsync(chains: inPlace);
        await agent.DeltaAsync(chains: flushed);

        // No further event comes: the pass the backoff held back runs when the spacing ends, not at the 30 s tick.
        var second = await agent.NextAsync<ApplyPortalRulesCommand>(skip: 1, user: HostReconciler.User);
        var gap = DateTimeOffset.UtcNow - first;
        Assert.InRange(gap, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(10));
        Assert.Equal(applied.Rules.RuleTexts(), second.Rules.RuleTexts());
    }

    /// <summary>A new host with the classic two containers, its fake agent connected and an operator signed in.</summary>
    private Task<(PortalClient Operator, string Host, FakeAgent Agent)> SetUpAsync() => FakeAgent.OnNewHostAsync(factory, ChangeHosts.Classic);
}
