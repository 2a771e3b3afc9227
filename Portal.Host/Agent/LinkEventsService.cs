using Microsoft.Extensions.Logging;
using Portal.Host.Netlink;
using Portal.Host.Resilience;

namespace Portal.Host.Agent;

/// <summary>Listens to the kernel's link notifications; each (or a lost batch of them) asks the worker to re-read.</summary>
public sealed class LinkEventsService(AgentSession session, AgentInbox inbox, AgentRetry retry, ILoggerFactory loggers, AgentExit exit) : AgentPart(exit)
{
    protected override string Part => "the link monitor";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        await session.StartedAsync(stoppingToken);
        var links = new LinkMonitor(retry, loggers.CreateLogger("Portal.Host.Agent"));
        await links.RunAsync(e => inbox.Post(new AgentWork.Refresh(e is null ? "link events lost" : $"link {e.Link.Name}")), stoppingToken);
    }
}
