using System.Text.Json.Serialization;
using Portal.Server.Reachability;

namespace Portal.Server.Api;

public static class ApiServiceExtensions
{
    /// <summary>ProblemDetails for every error, the contract's JSON (camelCase, nulls omitted), OpenAPI, health.</summary>
    public static IHostApplicationBuilder AddPortalApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton<ReachabilityModels>();
        return builder;
    }

    /// <summary>
    /// The REST API. The OpenAPI document needs a signed-in user like everything else: it describes admin
    /// routes and the contract says only login and healthz are open.
    /// </summary>
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz").AllowAnonymous();
        endpoints.MapOpenApi();
        endpoints.MapAuthApi();
        endpoints.MapUsersApi();
        endpoints.MapHostsApi();
        endpoints.MapStateApi();
        endpoints.MapReachabilityApi();
        return endpoints;
    }
}
