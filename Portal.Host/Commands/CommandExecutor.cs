using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Commands;
using Portal.Core.Validation;
using Portal.Host.Iptables;

namespace Portal.Host.Commands;

/// <summary>
/// Runs the server's typed commands on this host. Every field is checked again here (400 naming the field before
/// anything is touched); changes to one container are serialized; the host-wide gate keeps the portal's own rule
/// writes and network creation one at a time. Each command is registered in <see cref="ActiveCommands"/> while it runs,
/// so the rule changes it causes are attributed to its intent and user.
/// </summary>
public sealed class CommandExecutor
{
    private readonly ActiveCommands _active;
    private readonly ILogger _logger;
    private readonly ContainerLocks _containers = new();
    private readonly SemaphoreSlim _hostGate = new(1, 1);
    private readonly RecreateContainerHandler _recreate;
    private readonly CreateNetworkHandler _createNetwork;
    private readonly RemoveNetworkHandler _removeNetwork;
    private readonly ConnectHandler _connect;
    private readonly DisconnectHandler _disconnect;
    private readonly ApplyPortalRulesHandler _portalRules;
    private readonly RemoveStaleRulesHandler _staleRules;

    public CommandExecutor(IDockerClient docker, IptablesBackend backend, ActiveCommands active, ILogger logger, TimeProvider? time = null)
    {
        _active = active;
        _logger = logger;
        var iptables = new IptablesWriter(backend);
        _recreate = new RecreateContainerHandler(docker, logger, time ?? TimeProvider.System);
        _createNetwork = new CreateNetworkHandler(docker);
        _removeNetwork = new RemoveNetworkHandler(docker);
        _connect = new ConnectHandler(docker);
        _disconnect = new DisconnectHandler(docker);
        _portalRules = new ApplyPortalRulesHandler(docker, iptables);
        _staleRules = new RemoveStaleRulesHandler(iptables);
    }

    /// <summary>The agent's own checks of a command; empty when it may run.</summary>
    public static ValidationErrors Validate(AgentCommand? command) => command switch
    {
        RecreateContainerCommand c => RecreateContainerHandler.Validate(c),
        CreateNetworkCommand c => CreateNetworkHandler.Validate(c),
        RemoveNetworkCommand c => RemoveNetworkHandler.Validate(c),
        ConnectCommand c => ConnectHandler.Validate(c),
        DisconnectCommand c => DisconnectHandler.Validate(c),
        ApplyPortalRulesCommand c => ApplyPortalRulesHandler.Validate(c),
        RemoveStaleRulesCommand c => RemoveStaleRulesHandler.Validate(c),
        _ => Unknown(command),
    };

    /// <summary>The containers a command changes (their gates are held while it runs).</summary>
    public static IReadOnlySet<string> Containers(AgentCommand command) => command switch
    {
        RecreateContainerCommand c => new HashSet<string>([c.Container], StringComparer.Ordinal),
        ConnectCommand c => new HashSet<string>([c.Container], StringComparer.Ordinal),
        DisconnectCommand c => new HashSet<string>([c.Container], StringComparer.Ordinal),
        _ => new HashSet<string>(StringComparer.Ordinal),
    };

    public async Task<CommandResult> ExecuteAsync(AgentCommand? command, CancellationToken cancellationToken)
    {
        var errors = Validate(command);
        if (!errors.IsEmpty)
        {
            _logger.LogWarning("Refused {Command} (intent {Intent}): {Errors}", command?.GetType().Name, command?.Intent, errors);
            return CommandResult.Refused(400, errors.ToString());
        }

        var containers = Containers(command!);
        var steps = new CommandSteps();
        using var window = _active.Begin(command!, containers);
        using var held = await _containers.AcquireAsync(containers, cancellationToken);
        var hostWide = command is CreateNetworkCommand or ApplyPortalRulesCommand or RemoveStaleRulesCommand;
        if (hostWide)
        {
            await _hostGate.WaitAsync(cancellationToken);
        }

        try
        {
            var result = await RunAsync(command!, steps, cancellationToken);
            _logger.LogInformation("{Command} (intent {Intent}, user {User}): {Status} {Steps}", command!.GetType().Name, command.Intent, command.User, result.Status, string.Join("; ", result.Steps));
            return result;
        }
        catch (CommandRefusal refusal)
        {
            _logger.LogWarning("{Command} (intent {Intent}) refused with {Status}: {Error}", command!.GetType().Name, command.Intent, refusal.Status, refusal.Message);
            return refusal.ToResult(steps);
        }
        finally
        {
            if (hostWide)
            {
                _hostGate.Release();
            }
        }
    }

    private Task<CommandResult> RunAsync(AgentCommand command, CommandSteps steps, CancellationToken cancellationToken) => command switch
    {
        RecreateContainerCommand c => _recreate.ExecuteAsync(c, steps, cancellationToken),
        CreateNetworkCommand c => _createNetwork.ExecuteAsync(c, steps, cancellationToken),
        RemoveNetworkCommand c => _removeNetwork.ExecuteAsync(c, steps, cancellationToken),
        ConnectCommand c => _connect.ExecuteAsync(c, steps, cancellationToken),
        DisconnectCommand c => _disconnect.ExecuteAsync(c, steps, cancellationToken),
        ApplyPortalRulesCommand c => _portalRules.ExecuteAsync(c, steps, cancellationToken),
        RemoveStaleRulesCommand c => _staleRules.ExecuteAsync(c, steps, cancellationToken),
        _ => throw new InvalidOperationException($"no handler for {command.GetType().Name}"),
    };

    private static ValidationErrors Unknown(AgentCommand? command)
    {
        var errors = new ValidationErrors();
        errors.Add("command", command is null ? "missing" : $"unknown command {command.GetType().Name}");
        return errors;
    }
}
