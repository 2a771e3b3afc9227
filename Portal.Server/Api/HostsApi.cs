using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Api;
using Portal.Server.Auth;
using Portal.Server.Hosts;
using Portal.Server.State;

namespace Portal.Server.Api;

/// <summary>Hosts and their agent tokens. Viewers list them; admins add, delete and manage tokens.</summary>
public static class HostsApi
{
    public static IEndpointRouteBuilder MapHostsApi(this IEndpointRouteBuilder endpoints)
    {
        var hosts = endpoints.MapGroup("/api/hosts").WithTags("Hosts");
        hosts.MapGet("", List).RequireAuthorization(Policies.Viewer);
        hosts.MapGet("/{host}", Get).RequireAuthorization(Policies.Viewer);
        hosts.MapPost("", CreateAsync).RequireAuthorization(Policies.Admin);
        hosts.MapDelete("/{host}", DeleteAsync).RequireAuthorization(Policies.Admin);
        hosts.MapPost("/{host}/token", IssueTokenAsync).RequireAuthorization(Policies.Admin);
        hosts.MapDelete("/{host}/token", RevokeTokenAsync).RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static Ok<List<HostSummary>> List(HostStateStore store) =>
        TypedResults.Ok(store.All().Select(s => s.ToSummary()).ToList());

    private static Results<Ok<HostSummary>, ProblemHttpResult> Get(string host, HostStateStore store) =>
        store.Get(host) is { } state ? TypedResults.Ok(state.ToSummary()) : Problems.HostNotFound(host);

    private static async Task<Results<Created<CreatedHost>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateHostRequest? request, HostRegistry registry, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.Name))
        {
            return Problems.Invalid("name", "The host name is required.");
        }

        if (!HostNames.IsValid(request.Name))
        {
            return Problems.Invalid("name", "The host name must be a DNS label: letters, digits and '-', at most 63.");
        }

        var created = await registry.CreateAsync(request.Name, cancellationToken);
        return created is null
            ? Problems.Conflict($"host '{request.Name}' already exists")
            : TypedResults.Created($"/api/hosts/{created.Name}", created);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string host, HostRegistry registry, CancellationToken cancellationToken) =>
        await registry.DeleteAsync(host, cancellationToken) ? TypedResults.NoContent() : Problems.HostNotFound(host);

    private static async Task<Results<Ok<CreatedHost>, ProblemHttpResult>> IssueTokenAsync(
        string host, HostRegistry registry, CancellationToken cancellationToken) =>
        await registry.IssueTokenAsync(host, cancellationToken) is { } created
            ? TypedResults.Ok(created)
            : Problems.HostNotFound(host);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(
        string host, HostRegistry registry, CancellationToken cancellationToken) =>
        await registry.RevokeTokenAsync(host, cancellationToken) ? TypedResults.NoContent() : Problems.HostNotFound(host);
}
