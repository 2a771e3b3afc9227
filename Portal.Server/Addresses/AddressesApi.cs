using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Core.Addresses;
using Portal.Server.Api;
using Portal.Server.Auth;
using Portal.Server.Changes;
using Portal.Server.Intents;
using Portal.Server.State;

namespace Portal.Server.Addresses;

using ChangeResult = Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>;

/// <summary>
/// Public addresses per container: <c>POST /api/hosts/{host}/addresses {address, interface, container, ports?}</c> and
/// <c>DELETE /api/hosts/{host}/addresses/{address}</c> (operator, planned and applied like every change, <c>?dryRun=true</c>),
/// <c>GET /api/hosts/{host}/addresses</c> (viewer) lists the mappings with what is observed of each.
/// </summary>
public static class AddressesApi
{
    public static IEndpointRouteBuilder MapAddressesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/hosts/{host}/addresses").WithTags("Addresses");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.Viewer).ProducesProblem(StatusCodes.Status404NotFound);
        var changes = group.MapGroup("").RequireAuthorization(Policies.Operator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        changes.MapPost("", MapAsync);
        changes.MapDelete("/{address}", UnmapAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<List<AddressView>>, ProblemHttpResult>> ListAsync(
        string host, IntentStore intents, HostStateStore store, CancellationToken cancellationToken)
    {
        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        var records = (await intents.ActiveAsync(state.Name, cancellationToken)).Where(r => r.Spec is AddressIntent).ToList();
        var snapshot = state.Snapshot ?? Contracts.Model.HostSnapshot.Empty(state.Name);
        var derived = PortalAddresses.Derive(records.Select(r => r.Spec), snapshot);
        var views = records.Select(r =>
        {
            var spec = (AddressIntent)r.Spec;
            var mapping = derived.Mappings.FirstOrDefault(m => m.Address == spec.Address);
            var held = (snapshot.Interfaces ?? []).Where(i => i.Name == spec.Interface).SelectMany(i => i.Addresses).FirstOrDefault(a => a.Address == spec.Address);
            return new AddressView(
                spec.Address, spec.Interface, spec.Container, spec.Ports, r.Id, r.Status, r.Error,
                mapping?.Container == spec.Container ? mapping.ContainerIpv4 : null,
                held is not null,
                held?.Portal == true);
        }).ToList();
        return TypedResults.Ok(views);
    }

    private static async Task<ChangeResult> MapAsync(
        string host, AddressRequest? request, bool? dryRun, ClaimsPrincipal user, ChangeService changes, CancellationToken cancellationToken)
    {
        var body = request ?? new AddressRequest(null, null, null);
        return ChangeResults.From(await changes.ApplyAsync(
            new ChangeRequest(
                host, user.Identity?.Name, dryRun == true,
                p => AddressPlanner.Map(body, p.State, p.Standing),
                Intent: state => body is { Address: { } address, Interface: { } name, Container: { } container }
                    ? new AddressIntent(
                        address.Trim(),
                        name,
                        state.Container(container)?.Name ?? container,
                        PortalAddresses.Normalize(body.Ports) is { Count: > 0 } ports ? ports : null)
                    : null),
            cancellationToken));
    }

    private static async Task<ChangeResult> UnmapAsync(
        string host, string address, bool? dryRun, ClaimsPrincipal user, ChangeService changes, CancellationToken cancellationToken) =>
        ChangeResults.From(await changes.ApplyAsync(
            new ChangeRequest(
                host, user.Identity?.Name, dryRun == true,
                p => AddressPlanner.Unmap(address, p.State, p.Standing),
                Ends: spec => spec is AddressIntent a && a.Address == address),
            cancellationToken));
}
