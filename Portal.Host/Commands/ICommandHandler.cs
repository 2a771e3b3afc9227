using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>
/// How the agent runs one kind of <see cref="AgentCommand"/>, in the phases the <see cref="CommandDispatcher"/> walks:
/// <list type="number">
/// <item><b>validate</b>: every field checked again (the server's checks are not trusted), before anything is touched;</item>
/// <item><b>lock</b>: the containers it changes and whether it takes the host-wide gate;</item>
/// <item><b>predict</b>: the rule texts it expects to add or remove, so the history attributes them to its intent;</item>
/// <item><b>execute</b>: the steps, each recorded in <see cref="CommandSteps"/>;</item>
/// <item><b>undo</b>: while executing, each step that must not outlive a failed run registers its undo with
/// <see cref="CommandSteps.Undoable"/>; the dispatcher runs them, newest first, when a later step is refused.</item>
/// </list>
/// Implement it through <see cref="CommandHandler{TCommand}"/>: one handler per command type, registered in DI.
/// </summary>
public interface ICommandHandler
{
    /// <summary>The exact command type this handler runs (the dispatcher's key).</summary>
    Type CommandType { get; }

    ValidationErrors Validate(AgentCommand command);

    CommandLock Lock(AgentCommand command);

    IReadOnlySet<string> Predict(AgentCommand command);

    Task<CommandResult> ExecuteAsync(AgentCommand command, CommandSteps steps, CancellationToken cancellationToken);
}
