using Microsoft.Extensions.Logging;
using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>
/// Runs the server's typed commands on this host through the one <see cref="ICommandHandler"/> registered for each
/// command type. Every field is checked again here (400 naming the field before anything is touched); changes to one
/// container are serialized; the host-wide gate keeps the portal's own rule writes and network creation one at a time.
/// Each command is registered in <see cref="ActiveCommands"/> while it runs, with the rules its handler predicts, so the
/// rule changes it causes are attributed to its intent and user. A refused step rolls back what the run registered.
/// </summary>
public sealed class CommandDispatcher
{
    private readonly IReadOnlyDictionary<Type, ICommandHandler> _handlers;
    private readonly ActiveCommands _active;
    private readonly ILogger _logger;
    private readonly ContainerLocks _containers = new();
    private readonly SemaphoreSlim _hostGate = new(1, 1);

    public CommandDispatcher(IEnumerable<ICommandHandler> handlers, ActiveCommands active, ILoggerFactory loggers)
    {
        var byType = new Dictionary<Type, ICommandHandler>();
        foreach (var handler in handlers)
        {
            if (!byType.TryAdd(handler.CommandType, handler))
            {
                throw new InvalidOperationException(
                    $"two handlers for {handler.CommandType.Name}: {byType[handler.CommandType].GetType().Name} and {handler.GetType().Name}");
            }
        }

        _handlers = byType;
        _active = active;
        _logger = loggers.CreateLogger("Portal.Host.Commands");
    }

    /// <summary>The handler of each command type.</summary>
    public IReadOnlyDictionary<Type, ICommandHandler> Handlers => _handlers;

    /// <summary>The agent's own checks of a command; empty when it may run.</summary>
    public ValidationErrors Validate(AgentCommand? command) =>
        command is not null && _handlers.TryGetValue(command.GetType(), out var handler)
            ? handler.Validate(command)
            : Unknown(command);

    public async Task<CommandResult> ExecuteAsync(AgentCommand? command, CancellationToken cancellationToken)
    {
        var errors = Validate(command);
        if (!errors.IsEmpty)
        {
            _logger.LogWarning("Refused {Command} (intent {Intent}): {Errors}", command?.GetType().Name, command?.Intent, errors);
            return CommandResult.Refused(400, errors.ToString());
        }

        var handler = _handlers[command!.GetType()];
        var gates = handler.Lock(command);
        var steps = new CommandSteps();
        using var window = _active.Begin(command, gates.Containers, handler.Predict(command));
        using var held = await _containers.AcquireAsync(gates.Containers, cancellationToken);
        if (gates.HostWide)
        {
            await _hostGate.WaitAsync(cancellationToken);
        }

        try
        {
            var result = await RunAsync(handler, command, steps, cancellationToken);
            _logger.LogInformation("{Command} (intent {Intent}, user {User}): {Status} {Steps}", command.GetType().Name, command.Intent, command.User, result.Status, string.Join("; ", result.Steps));
            return result;
        }
        catch (CommandRefusal refusal)
        {
            _logger.LogWarning("{Command} (intent {Intent}) refused with {Status}: {Error}", command.GetType().Name, command.Intent, refusal.Status, refusal.Message);
            return refusal.ToResult(steps);
        }
        finally
        {
            if (gates.HostWide)
            {
                _hostGate.Release();
            }
        }
    }

    /// <summary>Executes; a refusal (or the agent stopping) after a step that registered an undo rolls the run back first.</summary>
    private async Task<CommandResult> RunAsync(ICommandHandler handler, AgentCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        try
        {
            return await handler.ExecuteAsync(command, steps, cancellationToken);
        }
        catch (Exception e) when ((e is CommandRefusal or OperationCanceledException) && steps.CanUndo)
        {
            steps.Failed(e.Message);
            await steps.UndoAsync((step, error) =>
                _logger.LogError("Rollback of {Command} (intent {Intent}) failed at '{Step}': {Error}", command.GetType().Name, command.Intent, step, error.Message));
            throw;
        }
    }

    private static ValidationErrors Unknown(AgentCommand? command)
    {
        var errors = new ValidationErrors();
        errors.Add("command", command is null ? "missing" : $"unknown command {command.GetType().Name}");
        return errors;
    }
}
