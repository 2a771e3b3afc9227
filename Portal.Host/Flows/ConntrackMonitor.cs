using Microsoft.Extensions.Logging;
using Portal.Core.Flows;
using Portal.Host.Netlink;
using Portal.Host.Resilience;

namespace Portal.Host.Flows;

/// <summary>
/// Follows conntrack's NEW and DESTROY events (ctnetlink multicast groups on a NETLINK_NETFILTER socket) in the agent's
/// network namespace, on a dedicated thread, and hands each datagram's events to the caller. An overrun (ENOBUFS: the
/// kernel dropped events because the queue was full) is counted and logged and the same socket goes on: flows are
/// counts, a lost event is a count too low, not a state to re-read. A socket that fails is opened again through the
/// agent's retry pipeline.
/// </summary>
public sealed class ConntrackMonitor(AgentRetry retry, ILogger logger)
{
    /// <summary>Room for a burst of about 10,000 events (each 150 to 250 bytes) while the reader is descheduled.</summary>
    private const int ReceiveBuffer = 4 * 1024 * 1024;

    private long _overruns;

    /// <summary>How many times the kernel reported lost events.</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    public async Task RunAsync(Action<List<ConntrackEvent>> onEvents, CancellationToken cancellationToken)
    {
        try
        {
            await retry.RunAsync("Reading conntrack events", token => ListenOnThreadAsync(onEvents, token), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private Task ListenOnThreadAsync(Action<List<ConntrackEvent>> onEvents, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Listen(onEvents, cancellationToken);
                completion.SetResult();
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "conntrack events",
        };
        thread.Start();
        return completion.Task;
    }

    private void Listen(Action<List<ConntrackEvent>> onEvents, CancellationToken cancellationToken)
    {
        // The receive timeout lets the loop notice cancellation without closing the fd under a blocked recv.
        using var socket = NetlinkSocket.Open(
            NetlinkConstants.NfnlgrpConntrackNew | NetlinkConstants.NfnlgrpConntrackDestroy,
            TimeSpan.FromMilliseconds(500),
            NetlinkConstants.NetlinkNetfilter,
            ReceiveBuffer);
        logger.LogInformation("Following conntrack events (new and destroyed connections)");
        var buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = socket.Receive(buffer);
            }
            catch (NetlinkOverrunException)
            {
                var overruns = Interlocked.Increment(ref _overruns);
                logger.LogWarning("Conntrack events were lost (receive queue overrun {Overruns}); flow counts of this moment are low", overruns);
                continue;
            }

            if (received > 0)
            {
                var events = ConntrackParser.Parse(buffer.AsSpan(0, received));
                if (events.Count > 0)
                {
                    onEvents(events);
                }
            }
        }
    }
}
