using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Server.Sessions;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Accounts;

public sealed class SessionStoreTests
{
    [Fact]
    public async Task IsActive_SessionOlderThanMaxAge_FalseFromCacheAndFromTheDatabase()
    {
        await using var factory = new PortalFactory();
        await factory.EnsureAdminPasswordChangedAsync();
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        string adminId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            adminId = (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(PortalFactory.AdminUser))!.Id;
        }

        var time = new ManualTime { Now = DateTimeOffset.UtcNow };
        var store = new SessionStore(scopes, time);
        var ct = TestContext.Current.CancellationToken;
        var id = await store.StartAsync(adminId, ct);
        Assert.True(await store.IsActiveAsync(id, adminId, ct));
        Assert.False(await store.IsActiveAsync(id, "someone-else", ct));

        time.Now += SessionStore.MaxAge + TimeSpan.FromMinutes(1);
        Assert.False(await store.IsActiveAsync(id, adminId, ct));
        Assert.False(await new SessionStore(scopes, time).IsActiveAsync(id, adminId, ct));

        await store.EndAsync(id, ct);
        time.Now -= SessionStore.MaxAge;
        Assert.False(await new SessionStore(scopes, time).IsActiveAsync(id, adminId, ct));
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
