using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Flows;
using Portal.Server.Api;
using Portal.Server.Auth;
using Portal.Server.State;

namespace Portal.Server.Flows;

/// <summary><c>GET /api/hosts/{host}/flows?since=ISO-8601</c>: the host's edges last seen since then (24 h by default).</summary>
public static class FlowsApi
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/hosts/{host}").WithTags("Flows").RequireAuthorization(Policies.Viewer)
            .MapGet("/flows", ReadAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<FlowEdge>>, ProblemHttpResult, ValidationProblem>> ReadAsync(
        string host, string? since, HostStateStore hosts, IFlowReader flows, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (hosts.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        DateTimeOffset from;
        if (string.IsNullOrEmpty(since))
        {
            from = clock.GetUtcNow() - DefaultWindow;
        }
        else if (ParseSince(since) is { } parsed)
        {
            from = parsed;
        }
        else
        {
            return Problems.Invalid("since", $"'{since}' is not an ISO-8601 date and time (e.g. 2026-11-29T10:00:00Z)");
        }

        return TypedResults.Ok(await flows.ReadAsync(state.Name, from, cancellationToken));
    }

    /// <summary>
    /// An ISO-8601 date, or date and time (UTC unless it has an offset). A '+' of an offset left unescaped in the
    /// query string arrives as a space, and is read as the '+' it was.
    /// </summary>
    public static DateTimeOffset? ParseSince(string text)
    {
        string[] formats =
        [
            "yyyy-MM-dd",
            "yyyy-MM-dd'T'HH:mm",
            "yyyy-MM-dd'T'HH:mmK",
            "yyyy-MM-dd'T'HH:mm:ss",
            "yyyy-MM-dd'T'HH:mm:ssK",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        ];
        var candidate = text.Trim().Replace(' ', '+');
        return DateTimeOffset.TryParseExact(
            candidate, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
    }
}
