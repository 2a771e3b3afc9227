using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;

namespace Portal.Client.Tests;

/// <summary>A fresh bUnit context per test with MudBlazor, loose JS interop and the fakes in place of the server.</summary>
public abstract class PortalTestContext : IAsyncDisposable
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected PortalTestContext()
    {
        Feed.Api = Api;
        Feed.Time = Clock;
        Context.Services.AddSingleton<TimeProvider>(Clock);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddSingleton(Auth);
        Context.Services.AddSingleton(Api);
        Context.Services.AddSingleton<IPortalApi>(Api);
        Context.Services.AddSingleton(Feed);
        Context.Services.AddSingleton<ILiveFeed>(Feed);
    }

    protected BunitContext Context { get; } = new();

    protected AuthState Auth { get; } = new();

    protected FakeLiveFeed Feed { get; } = new();

    /// <summary>The pages' clock: it stands still until a test moves it.</summary>
    protected ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    protected FakePortalApi Api => _api ??= new FakePortalApi(Auth);

    private FakePortalApi? _api;

    protected void SignIn(string role) => Auth.SignedIn(new CurrentUser("someone", role));

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
