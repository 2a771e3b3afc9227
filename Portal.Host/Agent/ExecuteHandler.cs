using Microsoft.Extensions.Logging;
using Portal.Contracts.Commands;
using Portal.Host.Commands;

namespace Portal.Host.Agent;

/// <summary>
/// Answers the server's <c>Execute</c> calls (SignalR client results) through the <see cref="CommandExecutor"/>. An
/// exception becomes a 500 result: a command must never take the agent down. Without an executor every command
/// is refused with 501.
/// </summary>
public sealed class ExecuteHandler(ILogger logger, CommandExecutor? executor = null)
{
    /// <summary>The hub's form: the command travels in an envelope so that its "kind" survives serialization.</summary>
    public Task<CommandResult> ExecuteAsync(AgentCommandEnvelope envelope) => ExecuteAsync(envelope?.Command);

    public async Task<CommandResult> ExecuteAsync(AgentCommand? command)
    {
        if (executor is null)
        {
            logger.LogInformation("Refusing command {Command} (intent {Intent}): not supported", command?.GetType().Name, command?.Intent);
            return CommandResult.Refused(501, $"the agent does not execute {command?.GetType().Name} here");
        }

        try
        {
            return await executor.ExecuteAsync(command, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Command {Command} (intent {Intent}) failed", command?.GetType().Name, command?.Intent);
            return CommandResult.Refused(500, $"the agent failed: {e.Message}");
        }
    }
}
