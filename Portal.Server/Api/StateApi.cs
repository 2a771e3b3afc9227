using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Auth;
using Portal.Server.State;

namespace Portal.Server.Api;

/// <summary>
/// What each host's agent last observed, served from memory. A host without a snapshot yet has empty lists. Secret
/// values are already masked in the state (at ingest), so no answer here can carry one.
/// </summary>
public static class StateApi
{
    public static IEndpointRouteBuilder MapStateApi(this IEndpointRouteBuilder endpoints)
    {
        var state = endpoints.MapGroup("/api/hosts/{host}").WithTags("State").RequireAuthorization(Policies.Viewer);
        state.MapGet("/state", State);
        state.MapGet("/bridges", Bridges);
        state.MapGet("/containers", Containers);
        state.MapGet("/containers/{name}", Container);
        state.MapGet("/rules", Rules);
        return endpoints;
    }

    /// <summary>The whole state in one answer: what a page needs to (re)build its picture.</summary>
    private static Results<Ok<HostStateView>, ProblemHttpResult> State(string host, HostStateStore store)
    {
        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        var snapshot = state.Snapshot;
        return TypedResults.Ok(new HostStateView(
            state.Name,
            state.Sequence,
            snapshot?.TakenAt,
            snapshot?.IptablesBackend,
            state.ToSummary(),
            snapshot?.Bridges ?? [],
            snapshot?.Containers ?? [],
            snapshot?.Rules ?? [],
            snapshot?.Policies,
            snapshot?.Interfaces));
    }

    private static Results<Ok<IReadOnlyList<Bridge>>, ProblemHttpResult> Bridges(string host, HostStateStore store) =>
        store.Get(host) is { } state ? TypedResults.Ok(state.Snapshot?.Bridges ?? []) : Problems.HostNotFound(host);

    private static Results<Ok<IReadOnlyList<Container>>, ProblemHttpResult> Containers(string host, HostStateStore store) =>
        store.Get(host) is { } state ? TypedResults.Ok(state.Snapshot?.Containers ?? []) : Problems.HostNotFound(host);

    private static Results<Ok<Container>, ProblemHttpResult> Container(string host, string name, HostStateStore store)
    {
        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        var found = ContainerLookup.Find(state, name);
        return found is null
            ? Problems.NotFound($"container '{name}' not found on host '{state.Name}'")
            : TypedResults.Ok(found);
    }

    private static Results<Ok<List<Rule>>, ProblemHttpResult> Rules(
        string host, string? table, string? chain, HostStateStore store)
    {
        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        var rules = (state.Snapshot?.Rules ?? [])
            .Where(r => string.IsNullOrEmpty(table) || r.Table == table)
            .Where(r => string.IsNullOrEmpty(chain) || r.Chain == chain)
            .ToList();
        return TypedResults.Ok(rules);
    }
}
