using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Host.Docker;
using Portal.Host.Tests.Resilience;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Docker;

/// <summary>The engine event stream survives the daemon going away: it reconnects, resyncs, and sees new events.</summary>
[Collection(LabCollection.Name)]
public sealed class DockerEventStreamTests
{
    [Fact]
    public async Task Run_DaemonSocketCutAndRestored_ResyncsAndKeepsReceivingEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = TheLab.Docker1;
        var prefix = TheLab.UniqueName("hst-");
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}.sock");
        await using var proxy = new UnixSocketProxy(path, host.DockerSocket);
        proxy.Start();
        using var client = DockerClientFactory.Create(new Uri(proxy.Endpoint));
        var events = Channel.CreateUnbounded<DockerEvent>();
        var resyncs = Channel.CreateUnbounded<int>();
        var count = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stream = new DockerEventStream(client, TestRetry.Create(), NullLogger.Instance);
        var running = stream.RunAsync(
            e => events.Writer.TryWrite(e),
            _ => resyncs.Writer.WriteAsync(Interlocked.Increment(ref count), ct).AsTask(),
            stop.Token);
        try
        {
            Assert.Equal(1, await ReadAsync(resyncs, ct));
            await host.DockerAsync(["create", "--name", $"{prefix}-before", "busybox"], ct);
            await WaitForAsync(events, $"{prefix}-before", ct);

            await proxy.StopAsync();
            await host.DockerAsync(["create", "--name", $"{prefix}-during", "busybox"], ct);
            proxy.Start();

            // Events of the gap are lost by design; the resync after reconnecting is what covers them.
            Assert.Equal(2, await ReadAsync(resyncs, ct));
            await host.DockerAsync(["create", "--name", $"{prefix}-after", "busybox"], ct);
            await WaitForAsync(events, $"{prefix}-after", ct);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            await host.RemoveByPrefixAsync(prefix, ct);
        }
    }

    private static async Task<T> ReadAsync<T>(Channel<T> channel, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    private static async Task WaitForAsync(Channel<DockerEvent> events, string name, CancellationToken ct)
    {
        while ((await ReadAsync(events, ct)) is not { Type: "container", Action: "create" } e || e.Name != name)
        {
        }
    }
}
