using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Plans;
using Portal.Server.Auth;

namespace Portal.Server.Changes;

using ChangeResult = Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>;

/// <summary>
/// The change endpoints of the contract (operator). Each answers 200 with the intent and the plan once applied, or
/// the error with nothing applied; <c>?dryRun=true</c> answers the plan alone and touches nothing.
/// </summary>
public static class ChangesApi
{
    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder endpoints)
    {
        var changes = endpoints.MapGroup("/api/hosts/{host}").WithTags("Changes").RequireAuthorization(Policies.Operator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        changes.MapPost("/links", LinkAsync);
        changes.MapDelete("/links/{source}/{alias}", UnlinkAsync);
        changes.MapPost("/ports", PublishAsync);
        changes.MapDelete("/ports/{container}/{hostPort}/{protocol}", UnpublishAsync);
        changes.MapPost("/networks", CreateNetworkAsync);
        changes.MapDelete("/networks/{name}", RemoveNetworkAsync);
        changes.MapPost("/networks/{name}/connections", ConnectAsync);
        changes.MapDelete("/networks/{name}/connections/{container}", DisconnectAsync);
        changes.MapPut("/networks/{name}/icc", IccAsync);
        return endpoints;
    }

    private static Task<ChangeResult> LinkAsync(
        string host, LinkRequest? request, bool? dryRun, ClaimsPrincipal user, ChangeService changes, CancellationToken cancellationToken)
    {
        var body = request ?? new LinkRequest(null, null, null);
        return RunAsync(changes, cancellationToken, new ChangeRequest(
            host, user.Identity?.Name, dryRun == true,
            p => LinkPlanner.Plan(body, p.State, p.Portal),
            Intent: state => body is { Source: { } source, Target: { } target }
                ? new LinkIntent(
                    state.Container(source)?.Name ?? source,
                    state.Container(target)?.Name ?? target,
                    string.IsNullOrEmpty(body.Alias) ? target : body.Alias)
                : null));
    }

    private static Task<ChangeResult> UnlinkAsync(
        string host, string source, string alias, bool? dryRun, ClaimsPrincipal user, ChangeService changes, CancellationToken cancellationToken) =>
        RunAsync(changes, cancellationToken, new ChangeRequest(
            host, user.Identity?.Name, dryRun == true,
            p => UnlinkPlanner.Plan(source, alias, p.State, p.Portal),
            Ends: spec => spec is LinkIntent l && l.Alias == alias && l.Source == source,
            Predict: snapshot => WithoutLink(snapshot, source, alias)));

    private static Task<ChangeResult> PublishAsync(
        string host, PortRequest? request, bool? dryRun, ClaimsPrincipal user, ChangeService changes, CancellationToken cancellationToken)
    {
        var body = request ?? new PortRequest(null, 0, null, 0, null);
        return RunAsync(changes, cancellationToken, new ChangeRequest(
            host, user.Identity?.Name, dryRun == true,
            p => PortPlanner.Publish(body, p.State),
            After: snapshot => snapshot.WithPublishedPort(body.Container, new PortBinding(
                body.ContainerPort, string.IsNullOrEmpty(body.Protocol) ? "tcp" : body.Protocol, string.IsNullOrEmpty(body.HostIp) ? null : body.HostIp, body.HostPort)),
            Intent: state => body.Container is { } container
                ? new PortIntent(
                    state.Container(container)?.Name ?? container,
                    body.ContainerPort,
                    string.IsNullOrEmpty(body.Protocol) ? "tcp" : body.Protocol,
                    body.HostPort,
                    string.IsNullOrEmpty(body.HostIp) ? null : body.HostIp)
                : null));
    }

    private static Task<ChangeResult> UnpublishAsync(
        string host, string container, string hostPort, string protocol, bool? dryRun, ClaimsPrincipal user, ChangeService changes,
        CancellationToken cancellationToken)
    {
        // A port that is not a number gets the planner's own "hostPort" error, like 0 or 70000 would.
        var port = int.TryParse(hostPort, out var parsed) ? parsed : 0;
        return RunAsync(changes, cancellationToken, new ChangeRequest(
            host, user.Identity?.Name, dryRun == true,
            p => PortPlanner.Unpublish(container, port, protocol, p.State),
            After: snapshot => snapshot.WithoutPublishedPort(container, port, protocol),
            Ends: spec => spec is PortIntent i && i.Container == container && i.HostPort == port && i.Protocol == protocol));
    }

    private static Task<ChangeResult> CreateNetworkAsync(
        string host, NetworkRequest? request, bool? dryRun, ClaimsPrincipal user, ChangeService changes, CancellationToken cancellationToken)
    {
        var body = request ?? new NetworkRequest(null, null, null, null, null);
        return RunAsync(changes, cancellationToken, new ChangeRequest(
            host, user.Identity?.Name, dryRun == true,
            p => NetworkPlanner.Create(body, p.State),
            Intent: _ => body.Name is { } name
                ? new NetworkIntent(
                    name,
                    string.IsNullOrEmpty(body.Subnet) ? null : body.Subnet,
                    string.IsNullOrEmpty(body.Gateway) ? null : body.Gateway,
                    body.Icc ?? true,
                    body.Masquerade ?? true,
                    body.Mtu)
                : null));
    }

    private static Task<ChangeResult> RemoveNetworkAsync(
        string host, string name, bool? dryRun, ClaimsPrincipal user, ChangeService changes, CancellationToken cancellationToken) =>
        RunAsync(changes, cancellationToken, new ChangeRequest(
            host, user.Identity?.Name, dryRun == true,
            p => NetworkPlanner.Remove(name, p.State, p.Portal),
            // The network's ICC choice and allow-list policy go with it: they could only ever drift afterwards.
            Ends: spec => spec is NetworkIntent n && n.Name == name || spec is IccIntent i && i.Network == name
                || spec is PolicyIntent p && p.Network == name));

    private static Task<ChangeResult> ConnectAsync(
        string host, string name, ConnectionRequest? request, bool? dryRun, ClaimsPrincipal user, ChangeService changes,
        CancellationToken cancellationToken)
    {
        var body = request ?? new ConnectionRequest(null, null, null);
        return RunAsync(changes, cancellationToken, new ChangeRequest(
            host, user.Identity?.Name, dryRun == true,
            p => ConnectionPlanner.Connect(name, body, p.State),
            After: snapshot => snapshot.WithConnection(name, body.Container, body.Ipv4),
            Intent: state => body.Container is { } container
                ? new ConnectionIntent(
                    state.Network(name)?.Network ?? name,
                    state.Container(container)?.Name ?? container,
                    string.IsNullOrEmpty(body.Alias) ? null : body.Alias,
                    string.IsNullOrEmpty(body.Ipv4) ? null : body.Ipv4)
                : null));
    }

    private static Task<ChangeResult> DisconnectAsync(
        string host, string name, string container, bool? dryRun, ClaimsPrincipal user, ChangeService changes, CancellationToken cancellationToken) =>
        RunAsync(changes, cancellationToken, new ChangeRequest(
            host, user.Identity?.Name, dryRun == true,
            p => ConnectionPlanner.Disconnect(name, container, p.State),
            After: snapshot => snapshot.WithoutConnection(name, container),
            Ends: spec => spec is ConnectionIntent c && c.Network == name && c.Container == container));

    private static Task<ChangeResult> IccAsync(
        string host, string name, IccRequest? request, bool? dryRun, ClaimsPrincipal user, ChangeService changes, CancellationToken cancellationToken)
    {
        var body = request ?? new IccRequest(null);
        return RunAsync(changes, cancellationToken, new ChangeRequest(
            host, user.Identity?.Name, dryRun == true,
            p => IccPlanner.Plan(name, body, p.State, p.Portal),
            Intent: state => body.Enabled is { } enabled ? new IccIntent(state.Network(name)?.Network ?? name, enabled) : null,
            // A new ICC choice for a network replaces the old one once it is applied.
            Ends: spec => spec is IccIntent i && i.Network == name));
    }

    private static async Task<ChangeResult> RunAsync(ChangeService changes, CancellationToken cancellationToken, ChangeRequest request) =>
        ChangeResults.From(await changes.ApplyAsync(request, cancellationToken));

    /// <summary>The state as an unlink leaves it, so the portal chain planned after it no longer allows that link.</summary>
    private static HostSnapshot WithoutLink(HostSnapshot snapshot, string source, string alias) => snapshot with
    {
        Containers = snapshot.Containers
            .Select(c => c.Name == source ? c with { Links = c.Links.Where(l => l.Alias != alias).ToList() } : c)
            .ToList(),
    };
}
