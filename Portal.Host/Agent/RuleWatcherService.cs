using Microsoft.Extensions.Logging;
using Portal.Host.Iptables;
using Portal.Host.Resilience;

namespace Portal.Host.Agent;

/// <summary>Runs the <see cref="RuleWatcher"/> from the session's first rules; each observation goes to the inbox, waiting while it is full.</summary>
public sealed class RuleWatcherService(AgentSession session, AgentInbox inbox, IptablesBackend backend, AgentRetry retry, ILoggerFactory loggers, AgentExit exit)
    : AgentPart(exit)
{
    protected override string Part => "the rule watcher";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var start = await session.StartedAsync(stoppingToken);
        var watcher = new RuleWatcher(new IptablesReader(backend), retry, loggers.CreateLogger("Portal.Host.Agent"));
        await watcher.RunAsync(start.InitialRules, (o, ct) => inbox.WriteAsync(new AgentWork.Rules(o), ct).AsTask(), stoppingToken);
    }
}
