using Microsoft.Extensions.Logging;

namespace Portal.Host.Netlink;

/// <summary>
/// Listens to RTMGRP_LINK and RTMGRP_IPV4_IFADDR notifications (veths and bridges appearing, changing, going away; addresses) on a dedicated
/// thread and reports each one; an overrun is reported as a null event so the caller re-reads everything.
/// </summary>
public sealed class LinkMonitor(ILogger logger)
{
    public Task RunAsync(Action<LinkEvent?> onEvent, CancellationToken cancellationToken)
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
            catch (IOException e)
            {
                logger.LogWarning("Failed reading link notifications: {Error}; retrying in 1 s", e.Message);
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }
        }
    }
}
