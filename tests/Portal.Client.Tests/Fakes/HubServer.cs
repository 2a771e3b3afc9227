using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Fakes;

/// <summary>Kestrel on a free loopback port serving <see cref="TestLiveHub"/> at the live hub's path, serialized like the server.</summary>
public sealed class HubServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _watched = new();
    private WebApplication? _app;

    public Uri HubUrl { get; private set; } = null!;

    public IHubContext<TestLiveHub> Hub => _app!.Services.GetRequiredService<IHubContext<TestLiveHub>>();

    public static async Task<HubServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = new HubServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(server);
        builder.Services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = PortalJson.Options.PropertyNamingPolicy;
            o.PayloadSerializerOptions.DefaultIgnoreCondition = PortalJson.Options.DefaultIgnoreCondition;
        });
        server._app = builder.Build();
        server._app.MapHub<TestLiveHub>(LiveHubMethods.Path);
        await server._app.StartAsync(cancellationToken);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.HubUrl = new Uri(new Uri(address), LiveHubMethods.Path);
        return server;
    }

    /// <summary>Completes once some connection called Watch(group).</summary>
    public Task WatchedAsync(string group) => _watched.GetOrAdd(group, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal void Watched(string group) =>
        _watched.GetOrAdd(group, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
