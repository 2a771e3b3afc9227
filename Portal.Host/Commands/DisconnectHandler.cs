using Docker.DotNet;
using Docker.DotNet.Models;
using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>Disconnects a container from a network.</summary>
public sealed class DisconnectHandler(IDockerClient docker)
{
    public static ValidationErrors Validate(DisconnectCommand command)
    {
        var errors = new ValidationErrors();
        if (!Names.IsNetworkName(command.Network))
        {
            errors.Add("network", $"'{command.Network}' is not a network name");
        }

        if (!Names.IsContainerName(command.Container))
        {
            errors.Add("container", $"'{command.Container}' is not a container name");
        }

        return errors;
    }

    public async Task<CommandResult> ExecuteAsync(DisconnectCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Networks.DisconnectNetworkAsync(command.Network, new NetworkDisconnectParameters { Container = command.Container }, cancellationToken);
        }
        catch (DockerApiException e)
        {
            var refusal = DockerRefusals.From(e, $"disconnecting {command.Container} from {command.Network}");
            throw refusal.Message.Contains("is not connected", StringComparison.OrdinalIgnoreCase)
                ? new CommandRefusal(404, refusal.Message, e)
                : refusal;
        }

        steps.Done($"disconnected {command.Container} from {command.Network}");
        return CommandResult.Done(steps.All);
    }
}
