using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Contracts.Api;
using Portal.Server.Api;
using Portal.Server.Auth;
using Portal.Server.Data;
using Portal.Server.Data.Secrets;
using Portal.Server.State;

namespace Portal.Server.Secrets;

/// <summary>
/// Reveal: an operator asks for one masked value with its own request, and every reveal is recorded (who, when, host,
/// container, variable; never the value) for admins to read.
/// </summary>
public static class SecretsApi
{
    public const int MaxListed = 1000;

    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/hosts/{host}/containers/{name}/env/{variable}/reveal", RevealAsync)
            .WithTags("Secrets").RequireAuthorization(Policies.Operator);
        endpoints.MapGet("/api/secrets/reveals", ListAsync)
            .WithTags("Secrets").RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static async Task<Results<Ok<RevealedSecret>, ProblemHttpResult, ValidationProblem>> RevealAsync(
        string host,
        string name,
        string variable,
        ClaimsPrincipal user,
        HostStateStore store,
        SecretVault vault,
        PortalDbContext db,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        if (ContainerLookup.Find(state, name) is not { } container)
        {
            return Problems.NotFound($"container '{name}' not found on host '{state.Name}'");
        }

        if (container.Env.FirstOrDefault(v => v.Name == variable) is not { } found)
        {
            return Problems.NotFound($"container '{container.Name}' has no variable '{variable}'");
        }

        if (!found.Masked)
        {
            return Problems.Invalid("variable", $"'{variable}' is not a secret: its value is shown to everyone");
        }

        if (vault.Reveal(state.Name, container.Id, found.Name) is not { } value)
        {
            return Problems.NotFound($"the value of '{variable}' is not held by the server (the agent never sends the portal's own secrets)");
        }

        var who = user.Identity?.Name ?? "?";
        db.SecretReveals.Add(new SecretRevealEntity
        {
            User = who, At = clock.GetUtcNow(), Host = state.Name, Container = container.Name, Variable = found.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        loggers.CreateLogger(typeof(SecretsApi)).LogInformation(
            "{User} revealed {Variable} of {Container} on {Host}", who, found.Name, container.Name, state.Name);
        return TypedResults.Ok(new RevealedSecret(found.Name, value));
    }

    private static async Task<Ok<List<SecretRevealView>>> ListAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.SecretReveals.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Take(MaxListed)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new SecretRevealView(r.Id, r.User, r.At, r.Host, r.Container, r.Variable)).ToList());
    }
}
