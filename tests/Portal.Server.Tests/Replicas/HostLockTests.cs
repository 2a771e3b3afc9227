using Microsoft.Extensions.DependencyInjection;
using Portal.Server.Changes;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Replicas;

/// <summary>
/// The host lock across two servers on one PostgreSQL database (two replicas): PostgreSQL's advisory lock makes the
/// second wait, or the reconciler's try give up, while the first holds the host; other hosts stay free.
/// </summary>
public sealed class HostLockTests
{
    [Fact]
    public async Task TwoServersOnOnePostgresDatabase_HoldAHostInTurn()
    {
        if (!Portal.Lab.TestDatabase.IsPostgres)
        {
            Assert.Skip("replicas need PostgreSQL: run with PORTAL_TEST_DATABASE=postgres (scripts/postgres.sh up)");
        }

        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"srv-locks-{Guid.NewGuid():N}.db");
        await using var first = new PortalFactory { DatabasePath = path, DeleteDatabaseOnDispose = false };
        await using var second = new PortalFactory { DatabasePath = path };
        var a = first.Services.GetRequiredService<HostLocks>();
        var b = second.Services.GetRequiredService<HostLocks>();

        var held = await a.AcquireAsync("docker1", ct);
        Assert.Null(await b.TryAcquireAsync("docker1", ct));
        using (var other = await b.TryAcquireAsync("docker2", ct))
        {
            Assert.NotNull(other);
        }

        var waiting = b.AcquireAsync("docker1", ct);
        await Task.Delay(300, ct);
        Assert.False(waiting.IsCompleted, "the second server waits while the first holds the host");
        held.Dispose();
        using (await waiting.WaitAsync(TimeSpan.FromSeconds(10), ct))
        {
            // Now the first server's reconciler would give up its pass: the second holds the host.
            Assert.Null(await a.TryAcquireAsync("docker1", ct));
        }

        using var again = await a.TryAcquireAsync("docker1", ct);
        Assert.NotNull(again);
    }
}
