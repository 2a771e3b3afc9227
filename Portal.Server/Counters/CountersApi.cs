using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Model;
using Portal.Server.Api;
using Portal.Server.Auth;
using Portal.Server.State;

namespace Portal.Server.Counters;

/// <summary>
/// <c>GET /api/hosts/{host}/counters</c>: the packets and bytes of each rule as the host's agent last read them
/// (<c>[{table, chain, index, text, ipv6, packets, bytes}]</c>), for any signed-in role; empty until the agent's first
/// read. Live changes come over the live hub as <c>CountersChanged</c>.
/// </summary>
public static class CountersApi
{
    public static IEndpointRouteBuilder MapCountersApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/hosts/{host}").WithTags("Counters").RequireAuthorization(Policies.Viewer).MapGet("/counters", Counters);
        return endpoints;
    }

    private static Results<Ok<IReadOnlyList<RuleCounter>>, ProblemHttpResult> Counters(string host, HostStateStore hosts, RuleCounterStore counters) =>
        hosts.Get(host) is { } state ? TypedResults.Ok(counters.Get(state.Name)) : Problems.HostNotFound(host);
}
