using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.FleetSim.Fleet;

namespace Portal.FleetSim.Browsers;

/// <summary>
/// One signed-in browser on <c>/hubs/live</c> (its session cookie, the browser app's JSON), watching some hosts and the
/// host list ("*") as the host pages and the list do. Every <c>HostChanged</c> that carries a delta is one change
/// arriving: its latency is now minus the delta's <c>At</c>, which the simulated agent stamped just before sending it.
/// </summary>
public sealed class SimulatedBrowser : IAsyncDisposable
{
    private readonly Action<HostChange>? _seen;

    public SimulatedBrowser(FleetEndpoint endpoint, string cookieHeader, LatencyRecorder latencies, Action<HostChange>? seen = null)
    {
        _seen = seen;
        Connection = new HubConnectionBuilder()
            .WithUrl(endpoint.Hub(LiveHubMethods.Path), o =>
            {
                endpoint.Configure(o);
                o.Headers["Cookie"] = cookieHeader;
            })
            .WithAutomaticReconnect()
            .AddJsonProtocol(o => o.PayloadSerializerOptions = PortalJson.Options)
            .Build();
        Connection.ServerTimeout = TimeSpan.FromSeconds(60);
        Connection.On<HostChange>(LiveHubMethods.HostChanged, change =>
        {
            if (change.Delta is { } delta && !change.Resync)
            {
                latencies.Record((DateTimeOffset.UtcNow - delta.At).TotalMilliseconds);
            }

            _seen?.Invoke(change);
        });
    }

    public HubConnection Connection { get; }

    public Task StartAsync(CancellationToken cancellationToken) => Connection.StartAsync(cancellationToken);

    public Task WatchAsync(string host, CancellationToken cancellationToken) =>
        Connection.InvokeAsync(LiveHubMethods.Watch, host, cancellationToken);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
