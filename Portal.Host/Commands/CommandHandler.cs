using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>The typed form of <see cref="ICommandHandler"/>: by default a command locks nothing and predicts no rules.</summary>
public abstract class CommandHandler<TCommand> : ICommandHandler
    where TCommand : AgentCommand
{
    private static readonly IReadOnlySet<string> NoRules = new HashSet<string>(StringComparer.Ordinal);

    public Type CommandType => typeof(TCommand);

    public abstract ValidationErrors Validate(TCommand command);

    public virtual CommandLock Lock(TCommand command) => CommandLock.None;

    public virtual IReadOnlySet<string> Predict(TCommand command) => NoRules;

    public abstract Task<CommandResult> ExecuteAsync(TCommand command, CommandSteps steps, CancellationToken cancellationToken);

    ValidationErrors ICommandHandler.Validate(AgentCommand command) => Validate((TCommand)command);

    CommandLock ICommandHandler.Lock(AgentCommand command) => Lock((TCommand)command);

    IReadOnlySet<string> ICommandHandler.Predict(AgentCommand command) => Predict((TCommand)command);

    Task<CommandResult> ICommandHandler.ExecuteAsync(AgentCommand command, CommandSteps steps, CancellationToken cancellationToken) =>
        ExecuteAsync((TCommand)command, steps, cancellationToken);
}
