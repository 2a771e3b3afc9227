using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Contracts.Flows;
using Portal.Core.Flows;
using Portal.Host.Flows;

namespace Portal.Host.Tests.Flows;

public sealed class FlowReporterTests
{
    private static readonly ConntrackEvent Connection = new(true, "tcp", IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 80);

    [Fact]
    public async Task Send_DeliveryFails_SameReportSentAgainThenNext()
    {
        var reporter = new FlowReporter("docker1", () => FlowEnds.None, TimeProvider.System, NullLogger.Instance);
        var sent = new List<FlowReport>();
        var fail = true;
        Task Deliver(FlowReport report, CancellationToken _)
        {
            sent.Add(report);
            return fail ? Task.FromException(new IOException("connection lost")) : Task.CompletedTask;
        }

        reporter.Add([Connection, Connection]);
        Assert.False(await reporter.SendAsync(Deliver, TestContext.Current.CancellationToken));
        reporter.Add([Connection]);
        fail = false;
        Assert.True(await reporter.SendAsync(Deliver, TestContext.Current.CancellationToken));
        Assert.True(await reporter.SendAsync(Deliver, TestContext.Current.CancellationToken));

        Assert.Equal([1L, 1L, 2L], sent.Select(r => r.Number));
        Assert.Same(sent[0], sent[1]);
        Assert.Equal([2L, 2L, 1L], sent.Select(r => Assert.Single(r.Edges).Count));
        Assert.All(sent, r => Assert.Equal(reporter.Run, r.Run));
    }

    [Fact]
    public async Task Send_Refused_DroppedNotResent()
    {
        var reporter = new FlowReporter("docker1", () => FlowEnds.None, TimeProvider.System, NullLogger.Instance);
        var sent = new List<FlowReport>();
        Task Deliver(FlowReport report, CancellationToken _)
        {
            sent.Add(report);
            return report.Number == 1 ? Task.FromException(new HubException("refused: port 70000 out of range")) : Task.CompletedTask;
        }

        reporter.Add([Connection]);
        Assert.True(await reporter.SendAsync(Deliver, TestContext.Current.CancellationToken));
        Assert.True(await reporter.SendAsync(Deliver, TestContext.Current.CancellationToken));
        reporter.Add([Connection]);
        Assert.True(await reporter.SendAsync(Deliver, TestContext.Current.CancellationToken));

        Assert.Equal([1L, 2L], sent.Select(r => r.Number));
    }

    [Fact]
    public async Task Send_ManyEdges_AtMostMaxPerReport()
    {
        var reporter = new FlowReporter("docker1", () => FlowEnds.None, TimeProvider.System, NullLogger.Instance);
        reporter.Add([.. Enumerable.Range(1, FlowReporter.MaxEdges + 5).Select(p => Connection with { ReceiverPort = p })]);
        var sizes = new List<int>();

        await reporter.SendAsync((r, _) => { sizes.Add(r.Edges.Count); return Task.CompletedTask; }, TestContext.Current.CancellationToken);
        await reporter.SendAsync((r, _) => { sizes.Add(r.Edges.Count); return Task.CompletedTask; }, TestContext.Current.CancellationToken);

        Assert.Equal([FlowReporter.MaxEdges, 5], sizes);
    }
}
