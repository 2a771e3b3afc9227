using Microsoft.Extensions.Logging;
using Portal.Core.Commands;

namespace Portal.Host.Agent;

/// <summary>
/// Answers the server's typed commands. Applying changes comes with the changes work; until then every command
/// is refused with 501 so that the server shows a clear reason instead of waiting.
/// </summary>
public sealed class ExecuteHandler(ILogger logger)
{
    public Task<CommandResult> ExecuteAsync(AgentCommand command)
    {
        logger.LogInformation("Refusing command {Command} (intent {Intent}): not supported yet", command.GetType().Name, command.Intent);
        return Task.FromResult(CommandResult.Refused(501, $"the agent does not execute {command.GetType().Name} yet"));
    }
}
