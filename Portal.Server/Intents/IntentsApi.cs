using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Plans;
using Portal.Contracts.Policies;
using Portal.Contracts.Wire;
using Portal.Core.Addresses;
using Portal.Core.Plans;
using Portal.Server.Api;
using Portal.Server.Auth;
using Portal.Server.Changes;
using Portal.Server.State;

namespace Portal.Server.Intents;

/// <summary><c>GET /api/intents?host=</c> (viewer) and <c>POST /api/intents/{id}/retry</c> (operator).</summary>
public static class IntentsApi
{
    public static IEndpointRouteBuilder MapIntentsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/intents").WithTags("Intents");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/{id}/retry", RetryAsync).RequireAuthorization(Policies.Operator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<Results<Ok<List<IntentView>>, ProblemHttpResult>> ListAsync(
        string? host, IntentStore intents, HostStateStore store, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(host) && store.Get(host) is null)
        {
            return Problems.HostNotFound(host);
        }

        var records = await intents.ListAsync(host, cancellationToken);
        return TypedResults.Ok(records.Select(r => r.ToView()).ToList());
    }

    private static async Task<Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>> RetryAsync(
        long id, bool? dryRun, ClaimsPrincipal user, IntentStore intents, ChangeService changes, CancellationToken cancellationToken)
    {
        if (await intents.GetAsync(id, cancellationToken) is not { Removed: false } record)
        {
            return Problems.NotFound($"intent {id} not found");
        }

        if (record.Status is not (IntentStatus.Failed or IntentStatus.Drifted))
        {
            return Problems.Conflict($"intent {id} is {WireName.Of(record.Status)}; only a failed or drifted intent is retried");
        }

        var outcome = await changes.ApplyAsync(
            new ChangeRequest(record.Host, user.Identity?.Name, dryRun == true, p => Replan(record.Spec, p), Intent: _ => record.Spec, Retry: record.Id),
            cancellationToken);
        return ChangeResults.From(outcome);
    }

    /// <summary>The stored intent asked for again, through the same planner as the first time.</summary>
    private static PlannedChange Replan(IntentSpec spec, ChangePlanning p) => spec switch
    {
        LinkIntent l => LinkPlanner.Plan(new LinkRequest(l.Source, l.Target, l.Alias), p.State, p.Portal),
        PortIntent port => PortPlanner.Publish(new PortRequest(port.Container, port.ContainerPort, port.Protocol, port.HostPort, port.HostIp), p.State),
        NetworkIntent n => NetworkPlanner.Create(new NetworkRequest(n.Name, n.Subnet, n.Gateway, n.Icc, n.Masquerade, n.Mtu), p.State),
        ConnectionIntent c => ConnectionPlanner.Connect(c.Network, new ConnectionRequest(c.Container, c.Alias, c.Ipv4), p.State),
        IccIntent i => IccPlanner.Plan(i.Network, new IccRequest(i.Enabled), p.State, p.Portal),
        AddressIntent a => AddressPlanner.Map(new AddressRequest(a.Address, a.Interface, a.Container, a.Ports), p.State, p.Standing),
        PolicyIntent policy => PolicyPlanner.Plan(policy.Network, new PolicyRequest(policy.Mode, policy.Allow), p.State, p.Portal, p.Standing),
        _ => PlannedChange.Refused(PlanProblem.Conflict($"intent kind '{spec.Kind}' cannot be retried")),
    };
}
