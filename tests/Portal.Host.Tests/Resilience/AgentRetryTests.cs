using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.Registry;
using Portal.Host.Agent;
using Portal.Host.Resilience;

namespace Portal.Host.Tests.Resilience;

/// <summary>
/// The agent's one retry pipeline, resolved from DI as the agent registers it: its waits are the backoff's (doubling,
/// jittered within bounds, capped), each retry is logged with what failed, a cancelled token ends it at once, a refusal
/// is not retried, and SignalR's reconnect policy asks the same schedule.
/// </summary>
public sealed class AgentRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Delay_AgentSchedule_DoublesWithinJitterAndNeverExceedsMax()
    {
        var low = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2, () => 0);
        var high = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2, () => 1);
        var middle = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2, () => 0.5);

        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(0, 6).Select(a => middle.Delay(a).TotalSeconds));
        Assert.Equal([0.8, 1.6, 3.2, 6.4, 8, 8], Enumerable.Range(0, 6).Select(a => Math.Round(low.Delay(a).TotalSeconds, 3)));
        Assert.Equal([1.2, 2.4, 4.8, 9.6, 10, 10], Enumerable.Range(0, 6).Select(a => Math.Round(high.Delay(a).TotalSeconds, 3)));
        Assert.Equal(TimeSpan.FromSeconds(10), middle.Delay(long.MaxValue));
        Assert.All(Enumerable.Range(0, 1000), a => Assert.InRange(RetryBackoff.Agent.Delay(a), TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Run_FailsFourTimes_RetriesWithTheBackoffsDelaysAndLogsEach()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80), 0.2, () => 0.5);
        var log = new RecordingLogger();
        using var services = Services(backoff, log);
        var retry = services.GetRequiredService<AgentRetry>();
        var attempts = new List<long>();
        var clock = Stopwatch.StartNew();

        var result = await retry.RunAsync(
            "Reaching the test server",
            _ =>
            {
                attempts.Add(clock.ElapsedMilliseconds);
                return attempts.Count <= 4 ? throw new IOException($"refused {attempts.Count}") : Task.FromResult("up");
            },
            Ct);

        Assert.Equal("up", result);
        Assert.Equal(5, attempts.Count);
        // 20, 40, 80, 80 ms between the attempts. Whole milliseconds on both ends and the timer's own granularity can put
        // a gap a few ms under its delay (77 for 80 was seen); what matters is the schedule, not the timer's precision.
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps.Zip([20, 40, 80, 80]), g => Assert.InRange(g.First, g.Second - 8, g.Second + 500));
        Assert.True(gaps[2] > gaps[0] + 20, $"the waits grow: {string.Join(", ", gaps)} ms");
        var retries = log.Lines.Where(l => l.Text.StartsWith("Reaching the test server failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, retries.Count);
        Assert.All(retries, l => Assert.Equal(LogLevel.Warning, l.Level));
        Assert.Equal("Reaching the test server failed: refused 1; retrying in 0.0 s (retry 1)", retries[0].Text);
        Assert.Contains("refused 4", retries[3].Text);

        // One line per retry: Polly's own event lines are off.
        Assert.Equal(4, log.Lines.Count(l => l.Level >= LogLevel.Warning));
    }

    [Fact]
    public async Task Run_TokenCancelledDuringTheWait_StopsAtOnceWithoutAnotherAttempt()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 0, () => 0.5);
        using var services = Services(backoff, new RecordingLogger());
        var retry = services.GetRequiredService<AgentRetry>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var attempts = 0;

        var running = retry.RunAsync("Never up", _ => ++attempts == 1 ? throw new IOException("down") : Task.CompletedTask, stop.Token);
        await Task.Delay(100, Ct);
        var clock = Stopwatch.StartNew();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms after the cancel");
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Run_TokenAlreadyCancelled_NoAttempt()
    {
        using var services = Services(RetryBackoff.Agent, new RecordingLogger());
        var attempts = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            services.GetRequiredService<AgentRetry>().RunAsync("Not at all", _ => Task.FromResult(++attempts), new CancellationToken(canceled: true)));
        Assert.Equal(0, attempts);
    }

    [Fact]
    public async Task Run_AttemptCancelledByItsOwnToken_StopsAndCancellationOfAnotherSourceIsRetried()
    {
        using var services = Services(new RetryBackoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), 0), new RecordingLogger());
        var retry = services.GetRequiredService<AgentRetry>();
        var attempts = 0;

        // A timeout inside the attempt (not the caller stopping) is a failure like any other.
        await retry.RunAsync("Timing out once", _ => ++attempts == 1 ? throw new TaskCanceledException("timed out") : Task.CompletedTask, Ct);

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Run_ServerRefusesTheAgent_NotRetried()
    {
        using var services = Services(new RetryBackoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), 0), new RecordingLogger());
        var attempts = 0;
        await Assert.ThrowsAsync<AgentRefusedException>(() =>
            services.GetRequiredService<AgentRetry>().RunAsync("Saying hello", _ => ++attempts > 0 ? throw new AgentRefusedException("wrong host") : Task.CompletedTask, Ct));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public void NextRetryDelay_SignalRReconnect_SameScheduleAsThePipelineAndNeverGivesUp()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2, () => 0.25);
        using var services = Services(backoff, new RecordingLogger());
        var policy = services.GetRequiredService<ServerReconnectPolicy>();

        foreach (var previous in new long[] { 0, 1, 2, 3, 4, 100, long.MaxValue })
        {
            Assert.Equal(backoff.Delay(previous), policy.NextRetryDelay(new RetryContext { PreviousRetryCount = previous, RetryReason = new IOException("gone") }));
        }
    }

    [Fact]
    public void AddAgentRetry_RegistersOneNamedPipeline()
    {
        using var services = Services(RetryBackoff.Agent, new RecordingLogger());
        var pipelines = services.GetRequiredService<ResiliencePipelineProvider<string>>();
        Assert.True(pipelines.TryGetPipeline(AgentRetryPipeline.Name, out _));
        Assert.Same(services.GetRequiredService<AgentRetry>(), services.GetRequiredService<AgentRetry>());
    }

    private static ServiceProvider Services(RetryBackoff backoff, RecordingLogger log) =>
        new ServiceCollection()
            .AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Trace))
            .AddAgentRetry(backoff)
            .BuildServiceProvider();
}
