using Docker.DotNet;
using Docker.DotNet.Models;
using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>
/// Gives a container a link or a port binding the only way Docker allows (notes §3): stop it, rename it aside,
/// create its twin under the original name with the change, connect the other networks, start it, remove the old
/// one. A refused step puts the old container back (new one removed, old one renamed back and started if it ran).
/// </summary>
public sealed class RecreateContainerHandler(IDockerClient docker, TimeProvider time) : CommandHandler<RecreateContainerCommand>
{
    public override ValidationErrors Validate(RecreateContainerCommand command)
    {
        var errors = new ValidationErrors();
        if (!Names.IsContainerName(command.Container))
        {
            errors.Add("container", $"'{command.Container}' is not a container name");
        }

        LinkValidation.Check(command.AddLinks, "addLinks", errors);
        foreach (var alias in command.RemoveLinkAliases ?? [])
        {
            if (!Names.IsDnsLabel(alias))
            {
                errors.Add("removeLinkAliases", $"'{alias}' is not a DNS label");
            }
        }

        LinkValidation.Check(command.AddPorts, "addPorts", errors);
        LinkValidation.Check(command.RemovePorts, "removePorts", errors);
        var hostPorts = (command.AddPorts ?? []).Where(p => p is not null).GroupBy(p => (p.HostPort, p.Protocol)).Where(g => g.Count() > 1);
        foreach (var duplicate in hostPorts)
        {
            errors.Add("addPorts", $"host port {duplicate.Key.HostPort}/{duplicate.Key.Protocol} is given twice");
        }

        if ((command.AddLinks?.Count ?? 0) + (command.RemoveLinkAliases?.Count ?? 0) + (command.AddPorts?.Count ?? 0) + (command.RemovePorts?.Count ?? 0) == 0)
        {
            errors.Add("container", "nothing to change: no link or port to add or remove");
        }

        return errors;
    }

    public override CommandLock Lock(RecreateContainerCommand command) => CommandLock.Container(command.Container);

    /// <summary>
    /// Each step that changes the old container registers its undo as it is done, so a refusal at any later step puts the
    /// old container back: the new one removed, the old one renamed back and started again if it ran.
    /// </summary>
    public override async Task<CommandResult> ExecuteAsync(RecreateContainerCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        var inspect = await ContainerInspection.InspectAsync(docker, command.Container, cancellationToken);
        var name = ContainerInspection.Name(inspect);
        var image = await ImageReferenceAsync(inspect, cancellationToken);
        var blueprint = CreateParametersMapper.FromInspect(inspect, image);
        var changes = RecreateChanges.Apply(blueprint, command);

        var aside = $"{name}-portal-old-{time.GetUtcNow().ToUnixTimeSeconds()}";
        var oldId = inspect.ID;
        var none = CancellationToken.None;
        if (blueprint.WasRunning)
        {
            await Docker($"stopping {name}", () => docker.Containers.StopContainerAsync(oldId, new ContainerStopParameters(), cancellationToken));
            steps.Done($"stopped {name}");
            steps.Undoable($"started {name}", () => docker.Containers.StartContainerAsync(oldId, new ContainerStartParameters(), none));
        }

        await Docker($"renaming {name}", () => docker.Containers.RenameContainerAsync(oldId, new ContainerRenameParameters { NewName = aside }, cancellationToken));
        steps.Done($"renamed {name} to {aside}");
        steps.Undoable($"renamed {aside} back to {name}", () => docker.Containers.RenameContainerAsync(oldId, new ContainerRenameParameters { NewName = name }, none));

        var created = await Docker($"creating {name}", () => docker.Containers.CreateContainerAsync(blueprint.Create, cancellationToken));
        var newId = created.ID;
        steps.Done($"created {name} {changes}");
        steps.Undoable($"removed the new {name}", () => docker.Containers.RemoveContainerAsync(newId, new ContainerRemoveParameters { Force = true, RemoveVolumes = false }, none));

        foreach (var network in blueprint.ExtraNetworks)
        {
            await Docker(
                $"connecting {name} to {network.Network}",
                () => docker.Networks.ConnectNetworkAsync(network.Network, new NetworkConnectParameters { Container = newId, EndpointConfig = network.Endpoint }, cancellationToken));
            steps.Done($"connected {name} to {network.Network}{ConnectHandler.Describe(network.Endpoint)}");
        }

        if (blueprint.WasRunning)
        {
            await Docker($"starting {name}", () => docker.Containers.StartContainerAsync(newId, new ContainerStartParameters(), cancellationToken));
            steps.Done($"started {name}");
        }

        await Docker($"removing {aside}", () => docker.Containers.RemoveContainerAsync(oldId, new ContainerRemoveParameters { RemoveVolumes = false }, cancellationToken));
        steps.Done($"removed {aside}");
        return CommandResult.Done(steps.All);
    }

    /// <summary>The name the container was created from if it still means the same image; else the image id itself.</summary>
    private async Task<string> ImageReferenceAsync(ContainerInspectResponse inspect, CancellationToken cancellationToken)
    {
        var named = inspect.Config?.Image;
        if (string.IsNullOrEmpty(named) || named == inspect.Image)
        {
            return inspect.Image;
        }

        try
        {
            var image = await docker.Images.InspectImageAsync(named, cancellationToken);
            return image.ID == inspect.Image ? named : inspect.Image;
        }
        catch (DockerApiException)
        {
            return inspect.Image;
        }
    }

    private static async Task Docker(string doing, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (DockerApiException e)
        {
            throw DockerRefusals.From(e, doing);
        }
    }

    private static async Task<T> Docker<T>(string doing, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (DockerApiException e)
        {
            throw DockerRefusals.From(e, doing);
        }
    }
}
