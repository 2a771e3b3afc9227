using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;

namespace Portal.Server.Changes;

/// <summary>
/// Runs a plan's commands on the agent in order, each tagged with its intent and user for the audit. On the first
/// refusal the steps that already succeeded are undone, newest first, so the host is left as it was.
/// The caller holds the host's lock.
/// </summary>
public sealed class PlanExecutor(AgentCommander agents, WrittenChains written, ILogger<PlanExecutor> logger)
{
    public async Task<ExecutionResult> RunAsync(
        string host,
        IReadOnlyList<AgentCommand> commands,
        long intent,
        string? user,
        HostSnapshot before,
        PortalRuleSet portalBefore,
        CancellationToken cancellationToken)
    {
        var done = new List<AgentCommand>();
        foreach (var command in commands)
        {
            var tagged = command with { Intent = intent, User = user };
            CommandResult result;
            try
            {
                result = await agents.ExecuteAsync(host, tagged, cancellationToken);
            }
            catch (AgentOfflineException e)
            {
                await UndoAsync(host, done, intent, user, before, portalBefore, cancellationToken);
                return ExecutionResult.AgentOffline(e.Message);
            }

            if (!result.Succeeded)
            {
                logger.LogWarning("Host {Host}: {Command} for intent {Intent} refused ({Status}): {Error}",
                    host, command.GetType().Name, intent, result.Status, result.Error);
                await UndoAsync(host, done, intent, user, before, portalBefore, cancellationToken);
                return ExecutionResult.Refused(result);
            }

            done.Add(command);
            if (command is ApplyPortalRulesCommand apply)
            {
                written.Wrote(host, apply.Rules);
            }
        }

        return ExecutionResult.Done;
    }

    private async Task UndoAsync(
        string host, List<AgentCommand> done, long intent, string? user, HostSnapshot before, PortalRuleSet portalBefore, CancellationToken cancellationToken)
    {
        for (var i = done.Count - 1; i >= 0; i--)
        {
            if (UndoCommands.For(done[i], before, portalBefore) is not { } undo)
            {
                continue;
            }

            try
            {
                var result = await agents.ExecuteAsync(host, undo with { Intent = intent, User = user }, cancellationToken);
                if (!result.Succeeded)
                {
                    logger.LogError("Host {Host}: undoing {Command} of intent {Intent} failed ({Status}): {Error}",
                        host, done[i].GetType().Name, intent, result.Status, result.Error);
                }
            }
            catch (AgentOfflineException)
            {
                logger.LogError("Host {Host}: agent went offline while undoing {Command} of intent {Intent}; the reconciler will see the state",
                    host, done[i].GetType().Name, intent);
                return;
            }
        }
    }
}
