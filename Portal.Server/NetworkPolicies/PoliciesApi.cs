using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Api;
using Portal.Contracts.Flows;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Policies;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.Policies;
using Portal.Core.PortalRules;
using Portal.Server.Api;
using Portal.Server.Auth;
using Portal.Server.Changes;
using Portal.Server.Counters;
using Portal.Server.Flows;
using Portal.Server.Intents;
using Portal.Server.State;

namespace Portal.Server.NetworkPolicies;

using ChangeResult = Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>;

/// <summary>
/// A network's allow-list policy: <c>GET /api/hosts/{host}/networks/{network}/policy</c> (viewer),
/// <c>PUT</c> the same (operator; planned and applied like every change, <c>?dryRun=true</c> answers the plan alone) and
/// <c>POST .../policy/learn?minutes=N</c> (operator; proposes a policy from the stored flows and answers its dry run).
/// </summary>
public static class PoliciesApi
{
    /// <summary>How far back <c>GET</c> looks for flows the policy blocks.</summary>
    public static readonly TimeSpan BlockedWindow = TimeSpan.FromHours(1);

    /// <summary>The longest window learn reads (a week).</summary>
    public const int MaxLearnMinutes = 7 * 24 * 60;

    public static IEndpointRouteBuilder MapPoliciesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/hosts/{host}/networks/{network}/policy").WithTags("Policies");
        group.MapGet("", GetAsync).RequireAuthorization(Policies.Viewer).ProducesProblem(StatusCodes.Status404NotFound);
        var changes = group.MapGroup("").RequireAuthorization(Policies.Operator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        changes.MapPut("", PutAsync);
        changes.MapPost("/learn", LearnAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<PolicyView>, ProblemHttpResult>> GetAsync(
        string host, string network, IntentStore intents, HostStateStore store, RuleCounterStore counters, IServiceProvider services,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        var snapshot = state.Snapshot ?? HostSnapshot.Empty(state.Name);
        if (new Core.Plans.HostState(snapshot).Network(network) is not { } bridge)
        {
            return Problems.NotFound($"network '{network}' not found on host '{state.Name}'");
        }

        var records = (await intents.ActiveAsync(state.Name, cancellationToken)).Where(r => r.Status != IntentStatus.Failed).ToList();
        var specs = records.Select(r => r.Spec).ToList();
        var record = records.LastOrDefault(r => r.Spec is PolicyIntent p && p.Network == bridge.Network);
        var policy = record?.Spec as PolicyIntent;
        var mode = policy?.Mode ?? PolicyMode.Off;
        var allow = PolicyAllowList.Effective(policy, bridge.Network, specs, snapshot);
        IReadOnlyList<FlowEdge> blocked = [];
        if (mode != PolicyMode.Off && services.GetService<IFlowReader>() is { } reader)
        {
            var flows = await reader.ReadAsync(state.Name, clock.GetUtcNow() - BlockedWindow, cancellationToken);
            blocked = PolicyAllowList.OnNetwork(flows, bridge.Network, snapshot).Where(f => !PolicyAllowList.Allows(allow, f)).ToList();
        }

        return TypedResults.Ok(new PolicyView(
            bridge.Network, mode, allow, record?.Id, record?.Status, record?.Error, blocked, Counted(counters, state.Name, bridge.Name, mode)));
    }

    /// <summary>The verdict rule's counter; its text names the mode, so a count from before a mode change is not taken for it.</summary>
    private static PolicyCount? Counted(RuleCounterStore counters, string host, string bridge, string mode)
    {
        if (mode == PolicyMode.Off)
        {
            return null;
        }

        var verdict = PortalRuleSetText.VerdictRule(bridge, mode == PolicyMode.Enforce);
        return counters.Get(host).FirstOrDefault(c => !c.Ipv6 && c.Table == "filter" && c.Chain == PortalRuleSet.PolicyChain && c.Text == verdict)
            is { } counter ? new PolicyCount(counter.Packets, counter.Bytes) : null;
    }

    private static async Task<ChangeResult> PutAsync(
        string host, string network, PolicyRequest? request, bool? dryRun, ClaimsPrincipal user, ChangeService changes,
        CancellationToken cancellationToken) =>
        ChangeResults.From(await changes.ApplyAsync(Change(host, network, request ?? new PolicyRequest(null, null), user, dryRun == true), cancellationToken));

    private static async Task<Results<Ok<PolicyLearnResponse>, ValidationProblem, ProblemHttpResult>> LearnAsync(
        string host, string network, string? minutes, ClaimsPrincipal user, ChangeService changes, IntentStore intents, HostStateStore store,
        IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var window) || window is < 1 or > MaxLearnMinutes)
        {
            return Problems.Invalid("minutes", $"a number of minutes from 1 to {MaxLearnMinutes} is required");
        }

        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        var snapshot = state.Snapshot ?? HostSnapshot.Empty(state.Name);
        if (new Core.Plans.HostState(snapshot).Network(network) is not { } bridge)
        {
            return Problems.NotFound($"network '{network}' not found on host '{state.Name}'");
        }

        if (services.GetService<IFlowReader>() is not { } reader)
        {
            return TypedResults.Problem(
                detail: "this server stores no flows, so there is nothing to learn from", statusCode: StatusCodes.Status503ServiceUnavailable, title: "No flows");
        }

        var flows = PolicyAllowList.OnNetwork(
            await reader.ReadAsync(state.Name, clock.GetUtcNow() - TimeSpan.FromMinutes(window), cancellationToken), bridge.Network, snapshot);
        var specs = (await intents.ActiveAsync(state.Name, cancellationToken)).Where(r => r.Status != IntentStatus.Failed).Select(r => r.Spec).ToList();
        var proposal = PolicyAllowList.Learn(flows, bridge.Network, specs, snapshot);
        // The plan is the dry run of PUTting the proposal: the same path (and the same plan) as applying it.
        var outcome = await changes.ApplyAsync(Change(state.Name, bridge.Network, proposal, user, dryRun: true), cancellationToken);
        if (outcome.Response is not { } response)
        {
            return ChangeResults.From(outcome).Result switch
            {
                ValidationProblem invalid => invalid,
                ProblemHttpResult problem => problem,
                _ => TypedResults.Problem(detail: outcome.Error, statusCode: outcome.Status),
            };
        }

        var allow = PolicyAllowList.Effective(new PolicyIntent(bridge.Network, proposal.Mode!, proposal.Allow!), bridge.Network, specs, snapshot);
        var blocked = flows.Where(f => !PolicyAllowList.Allows(allow, f)).ToList();
        return TypedResults.Ok(new PolicyLearnResponse(proposal, response.Plan, flows, blocked));
    }

    /// <summary>A policy PUT as a change: the network's newest policy replaces the one before once applied.</summary>
    private static ChangeRequest Change(string host, string network, PolicyRequest body, ClaimsPrincipal user, bool dryRun) =>
        new(
            host, user.Identity?.Name, dryRun,
            p => PolicyPlanner.Plan(network, body, p.State, p.Portal, p.Standing),
            Intent: state => PolicyPlanner.Intent(network, body, state),
            Ends: spec => spec is PolicyIntent i && (i.Network == network));
}
