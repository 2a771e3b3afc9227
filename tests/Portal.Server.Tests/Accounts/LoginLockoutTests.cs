using System.Net;
using Microsoft.Extensions.Options;
using Portal.Server.Auth;

namespace Portal.Server.Tests.Accounts;

public sealed class LoginLockoutTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Admin = IPAddress.Parse("198.51.100.9");

    [Fact]
    public void Failed_BeyondTheThreshold_LockStartsAt30sDoublesAndStopsAt15Min()
    {
        var time = new ManualTime();
        var lockout = new LoginLockout(Options.Create(new AuthOptions()), time);
        for (var i = 0; i < 4; i++)
        {
            lockout.Failed("admin", Attacker);
        }

        Assert.Null(lockout.LockedFor("admin", Attacker));
        var waits = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            lockout.Failed("admin", Attacker);
            var wait = lockout.LockedFor("ADMIN", Attacker)!.Value;
            waits.Add(wait.TotalSeconds);
            time.Now += wait;
            Assert.Null(lockout.LockedFor("admin", Attacker));
        }

        Assert.Equal([30, 60, 120, 240, 480, 900, 900, 900], waits);
        Assert.Null(lockout.LockedFor("admin", Admin));
    }

    [Fact]
    public void Succeeded_AfterFailures_CountStartsAgain()
    {
        var time = new ManualTime();
        var lockout = new LoginLockout(Options.Create(new AuthOptions()), time);
        for (var i = 0; i < 4; i++)
        {
            lockout.Failed("admin", Admin);
        }

        lockout.Succeeded("admin", Admin);
        lockout.Failed("admin", Admin);
        Assert.Null(lockout.LockedFor("admin", Admin));
        Assert.False(lockout.IsLockedAnywhere("admin"));
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
