using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Reachability;
using Portal.Core.Reachability;
using Portal.Server.Api;
using Portal.Server.Auth;
using Portal.Server.State;

namespace Portal.Server.Reachability;

/// <summary>
/// "Can A reach B, and why?": the walk of one first packet through the host's rules, and the matrix of every container
/// to every other on each port it offers, and the host's exposure (published ports from outside, with warnings). Viewers
/// may read them; the answers come from the state in memory.
/// </summary>
public static class ReachabilityApi
{
    public static IEndpointRouteBuilder MapReachabilityApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/hosts/{host}/reachability").WithTags("Reachability").RequireAuthorization(Policies.Viewer);
        group.MapGet(string.Empty, Ask);
        group.MapGet("/matrix", Matrix);
        endpoints.MapGroup("/api/hosts/{host}").WithTags("Reachability").RequireAuthorization(Policies.Viewer).MapGet("/exposure", Exposure);
        return endpoints;
    }

    private static Results<Ok<ReachabilityAnswer>, ValidationProblem, ProblemHttpResult> Ask(
        string host, string? from, string? to, string? port, string? proto, HostStateStore store, ReachabilityModels models)
    {
        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        var errors = new Dictionary<string, string[]>();
        var source = PacketSource.Parse(from, out var fromError);
        if (source is null)
        {
            errors["from"] = [fromError!];
        }

        var target = PacketTarget.Parse(to);
        if (target is null)
        {
            errors["to"] = ["give a container name or an IPv4 address"];
        }

        if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            errors["port"] = ["give a port number from 1 to 65535"];
        }

        var protocol = TransportProtocol.Tcp;
        if (proto is not null && !ServicePort.TryProtocol(proto, out protocol))
        {
            errors["proto"] = ["give tcp, udp or sctp"];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (state.Snapshot is not { } snapshot)
        {
            return Problems.NotFound($"host '{state.Name}' has not reported its state yet");
        }

        if (source!.Container is { } fromName)
        {
            if (ContainerLookup.Find(state, fromName) is not { } found)
            {
                return Problems.NotFound($"container '{fromName}' not found on host '{state.Name}'");
            }

            source = PacketSource.FromContainer(found.Name);
        }

        if (target!.Container is { } toName)
        {
            if (ContainerLookup.Find(state, toName) is not { } found)
            {
                return Problems.NotFound($"container '{toName}' not found on host '{state.Name}'");
            }

            target = PacketTarget.FromContainer(found.Name);
        }

        return TypedResults.Ok(models.For(snapshot).Ask(new ReachabilityQuery(source, target, number, protocol)));
    }

    /// <summary>Each published port as outside clients see it, with the warnings; <c>address</c> is the host's outside address, if known.</summary>
    private static Results<Ok<HostExposure>, ValidationProblem, ProblemHttpResult> Exposure(
        string host, string? address, HostStateStore store, ReachabilityModels models)
    {
        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        uint? hostAddress = null;
        if (address is not null)
        {
            if (!Ipv4.TryParse(address, out var parsed))
            {
                return Problems.Invalid("address", "give the host's IPv4 address");
            }

            hostAddress = parsed;
        }

        if (state.Snapshot is not { } snapshot)
        {
            return Problems.NotFound($"host '{state.Name}' has not reported its state yet");
        }

        return TypedResults.Ok(HostExposure.Build(models.For(snapshot), hostAddress));
    }

    private static Results<Ok<ReachabilityMatrix>, ProblemHttpResult> Matrix(
        string host, string? network, string? container, HostStateStore store, ReachabilityModels models)
    {
        if (store.Get(host) is not { } state)
        {
            return Problems.HostNotFound(host);
        }

        if (state.Snapshot is not { } snapshot)
        {
            return Problems.NotFound($"host '{state.Name}' has not reported its state yet");
        }

        if (network is not null && !snapshot.Bridges.Any(b => b.Network == network))
        {
            return Problems.NotFound($"network '{network}' not found on host '{state.Name}'");
        }

        string? name = null;
        if (container is not null)
        {
            if (ContainerLookup.Find(state, container) is not { } found)
            {
                return Problems.NotFound($"container '{container}' not found on host '{state.Name}'");
            }

            name = found.Name;
        }

        return TypedResults.Ok(ReachabilityMatrix.Build(models.For(snapshot), network, name));
    }
}
