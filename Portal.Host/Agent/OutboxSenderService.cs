namespace Portal.Host.Agent;

/// <summary>Delivers the rule history's outbox to the server, apart from the live state (see <see cref="Outbox.OutboxSender"/>).</summary>
public sealed class OutboxSenderService(AgentSession session, AgentExit exit) : AgentPart(exit)
{
    protected override string Part => "the rule history sender";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var start = await session.StartedAsync(stoppingToken);
        await start.History.RunSenderAsync(stoppingToken);
    }
}
