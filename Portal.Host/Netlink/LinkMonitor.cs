using Microsoft.Extensions.Logging;
using Portal.Host.Resilience;

namespace Portal.Host.Netlink;

/// <summary>
/// Listens to RTMGRP_LINK and RTMGRP_IPV4_IFADDR notifications (veths and bridges appearing, changing, going away;
/// addresses) on a dedicated thread and reports each one; an overrun is reported as a null event so the caller re-reads
/// everything. A socket that fails is opened again through the agent's retry pipeline.
/// </summary>
public sealed class LinkMonitor(AgentRetry retry, ILogger logger)
{
    public async Task RunAsync(Action<LinkEvent?> onEvent, CancellationToken cancellationToken)
    {
        try
        {
            await retry.RunAsync("Reading link notifications", token => ListenOnThreadAsync(onEvent, token), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One socket, read on a dedicated thread until cancelled (completes) or until it fails (faults).</summary>
    private Task ListenOnThreadAsync(Action<LinkEvent?> onEvent, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Listen(onEvent, cancellationToken);
                completion.SetResult();
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "netlink link monitor",
        };
        thread.Start();
        return completion.Task;
    }

    private void Listen(Action<LinkEvent?> onEvent, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // A receive timeout lets the loop notice cancellation without closing the fd under a blocked recv.
                // An IOException (the socket failed) ends this attempt; the retry pipeline opens a new socket.
                using var socket = NetlinkSocket.Open(NetlinkConstants.RtmgrpLink | NetlinkConstants.RtmgrpIpv4Ifaddr, TimeSpan.FromMilliseconds(500));
                while (!cancellationToken.IsCancellationRequested)
                {
                    var chunk = socket.Receive();
                    if (chunk is null)
                    {
                        continue;
                    }

                    foreach (var message in NetlinkMessageParser.Messages(chunk))
                    {
                        if (message.Type is NetlinkConstants.RtmNewLink or NetlinkConstants.RtmDelLink)
                        {
                            var link = NetlinkMessageParser.ParseLink(message.Payload.Span);
                            onEvent(new LinkEvent(link, message.Type == NetlinkConstants.RtmDelLink));
                        }
                        else if (message.Type is NetlinkConstants.RtmNewAddr or NetlinkConstants.RtmDelAddr)
                        {
                            // An address came or went (the public addresses live on host interfaces): the link it is on changed.
                            var address = NetlinkMessageParser.ParseAddress(message.Payload.Span);
                            onEvent(new LinkEvent(new KernelLink(address?.Index ?? 0, address is null ? "address" : $"address {address.Address}", null, null, null, null, null, null), false));
                        }
                    }
                }
            }
            catch (NetlinkOverrunException)
            {
                logger.LogWarning("Link notifications were lost; asking for a full re-read");
                onEvent(null);
            }
        }
    }
}
