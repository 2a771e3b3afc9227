using System.Net.Http.Json;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_SameDatabase_KeepsHostsUsersAndLatestState()
    {
        var path = Path.Combine(Path.GetTempPath(), $"srv-restart-{Guid.NewGuid():N}.db");
        CreatedHost host;
        await using (var first = new PortalFactory { DatabasePath = path, DeleteDatabaseOnDispose = false })
        {
            using var admin = await PortalClient.AdminAsync(first);
            host = await admin.CreateHostAsync();
            using var created = await admin.Http.PostAsJsonAsync(
                "/api/users", new CreateUserRequest("survivor", "password-survives", Roles.Operator), TestContext.Current.CancellationToken);
            await using var agent = await TestAgent.ConnectAsync(first, host.Token);
            await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name, 41));
            await agent.SendAsync(AgentHubMethods.Delta, new HostDelta(
                host.Name, 42, DateTimeOffset.UtcNow, UpsertedContainers: [Snapshots.Container("db", "d00d", "172.17.0.3")]));
        }

        await using var second = new PortalFactory { DatabasePath = path };
        using var survivor = await PortalClient.SignedInAsync(second, "survivor", "password-survives");
        Assert.Equal(Roles.Operator, (await survivor.GetAsync<CurrentUser>("/api/auth/me")).Role);
        var summary = Assert.Single(await survivor.GetAsync<List<HostSummary>>("/api/hosts"));
        Assert.Equal((host.Name, false, 2, 1, 3), (summary.Name, summary.Online, summary.Containers, summary.Bridges, summary.Rules));
        Assert.NotNull(summary.LastSeen);
        var names = (await survivor.GetAsync<List<Container>>($"/api/hosts/{host.Name}/containers")).Select(c => c.Name);
        Assert.Equal(["db", "web"], names);

        // The agent's token still works after the restart, and the next delta follows the stored sequence.
        await using var back = await TestAgent.ConnectAsync(second, host.Token);
        await back.SendAsync(AgentHubMethods.Delta, new HostDelta(host.Name, 43, DateTimeOffset.UtcNow, RemovedContainers: ["d00d"]));
        Assert.False(back.SnapshotRequests.Reader.TryRead(out _));
        Assert.Equal(1, (await survivor.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Containers);
    }
}
