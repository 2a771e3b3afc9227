using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Host.Agent;

namespace Portal.Host.Tests.Agent;

/// <summary>
/// How a part of the running agent ends decides the exit code: stopped by the host 0, refused by the server 78 (and the
/// host stops), failed or ended on its own 1 (and the host stops); the first reason wins.
/// </summary>
public sealed class AgentPartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stop_PartWaitingForCancellation_ExitZeroHostNotStoppedByIt()
    {
        var lifetime = new Lifetime();
        var exit = new AgentExit(lifetime, NullLoggerFactory.Instance);
        using var part = new TestPart(ct => Task.Delay(Timeout.Infinite, ct), exit);

        await part.StartAsync(Ct);
        await part.StopAsync(Ct);

        Assert.Equal((0, false), (exit.Code, lifetime.StopRequested));
    }

    [Fact]
    public async Task Refused_ThenAnotherPartFails_Exit78AndHostStopped()
    {
        var lifetime = new Lifetime();
        var exit = new AgentExit(lifetime, NullLoggerFactory.Instance);
        using var refused = new TestPart(_ => throw new AgentRefusedException("this token is for host 'docker2'"), exit);
        using var failed = new TestPart(_ => throw new IOException("netlink"), exit);

        await refused.StartAsync(Ct);
        await refused.ExecuteTask!.WaitAsync(Ct);
        await failed.StartAsync(Ct);
        await failed.ExecuteTask!.WaitAsync(Ct);

        Assert.Equal((78, true), (exit.Code, lifetime.StopRequested));
    }

    [Fact]
    public async Task EndsOnItsOwn_Exit1AndHostStopped()
    {
        var lifetime = new Lifetime();
        var exit = new AgentExit(lifetime, NullLoggerFactory.Instance);
        using var part = new TestPart(_ => Task.CompletedTask, exit);

        await part.StartAsync(Ct);
        await part.ExecuteTask!.WaitAsync(Ct);

        Assert.Equal((1, true), (exit.Code, lifetime.StopRequested));
    }

    private sealed class TestPart(Func<CancellationToken, Task> run, AgentExit exit) : AgentPart(exit)
    {
        protected override string Part => "the test part";

        protected override Task RunAsync(CancellationToken stoppingToken) => run(stoppingToken);
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public bool StopRequested { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => StopRequested = true;
    }
}
