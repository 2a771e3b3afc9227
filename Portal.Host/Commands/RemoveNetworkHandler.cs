using Docker.DotNet;
using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>Removes a network; Docker refuses while containers are attached and its message is passed on.</summary>
public sealed class RemoveNetworkHandler(IDockerClient docker)
{
    public static ValidationErrors Validate(RemoveNetworkCommand command)
    {
        var errors = new ValidationErrors();
        if (!Names.IsNetworkName(command.Name))
        {
            errors.Add("name", $"'{command.Name}' is not a network name");
        }

        return errors;
    }

    public async Task<CommandResult> ExecuteAsync(RemoveNetworkCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Networks.DeleteNetworkAsync(command.Name, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw DockerRefusals.From(e, $"removing network {command.Name}");
        }

        steps.Done($"removed network {command.Name}");
        return CommandResult.Done(steps.All);
    }
}
