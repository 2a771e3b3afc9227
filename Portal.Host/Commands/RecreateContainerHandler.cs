using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>
/// Gives a container a link or a port binding the only way Docker allows (notes §3): stop it, rename it aside,
/// create its twin under the original name with the change, connect the other networks, start it, remove the old
/// one. Any failure puts the old container back (new one removed, old one renamed back and started if it ran).
/// </summary>
public sealed class RecreateContainerHandler(IDockerClient docker, ILogger logger, TimeProvider time)
{
    public static ValidationErrors Validate(RecreateContainerCommand command)
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

    public async Task<CommandResult> ExecuteAsync(RecreateContainerCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        var inspect = await ContainerInspection.InspectAsync(docker, command.Container, cancellationToken);
        var name = ContainerInspection.Name(inspect);
        var image = await ImageReferenceAsync(inspect, cancellationToken);
        var blueprint = CreateParametersMapper.FromInspect(inspect, image);
        var changes = RecreateChanges.Apply(blueprint, command);

        var aside = $"{name}-portal-old-{time.GetUtcNow().ToUnixTimeSeconds()}";
        var oldId = inspect.ID;
        string? newId = null;
        var stopped = false;
        var renamed = false;
        try
        {
            if (blueprint.WasRunning)
            {
                await Docker($"stopping {name}", () => docker.Containers.StopContainerAsync(oldId, new ContainerStopParameters(), cancellationToken));
                stopped = true;
                steps.Done($"stopped {name}");
            }

            await Docker($"renaming {name}", () => docker.Containers.RenameContainerAsync(oldId, new ContainerRenameParameters { NewName = aside }, cancellationToken));
            renamed = true;
            steps.Done($"renamed {name} to {aside}");

            var created = await Docker($"creating {name}", () => docker.Containers.CreateContainerAsync(blueprint.Create, cancellationToken));
            newId = created.ID;
            steps.Done($"created {name} {changes}");

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
        catch (Exception e) when (e is CommandRefusal or OperationCanceledException)
        {
            steps.Failed(e.Message);
            await RollBackAsync(name, aside, oldId, newId, renamed, stopped, steps);
            throw;
        }
    }

    /// <summary>Puts the old container back as it was. Runs without the caller's token: a half-done rollback is the worst outcome.</summary>
    private async Task RollBackAsync(string name, string aside, string oldId, string? newId, bool renamed, bool stopped, CommandSteps steps)
    {
        var none = CancellationToken.None;
        if (newId is not null)
        {
            await UndoAsync($"removed the new {name}", () => docker.Containers.RemoveContainerAsync(newId, new ContainerRemoveParameters { Force = true, RemoveVolumes = false }, none));
        }

        if (renamed)
        {
            await UndoAsync($"renamed {aside} back to {name}", () => docker.Containers.RenameContainerAsync(oldId, new ContainerRenameParameters { NewName = name }, none));
        }

        if (stopped)
        {
            await UndoAsync($"started {name}", () => docker.Containers.StartContainerAsync(oldId, new ContainerStartParameters(), none));
        }

        async Task UndoAsync(string step, Func<Task> action)
        {
            try
            {
                await action();
                steps.Undone(step);
            }
            catch (DockerApiException e)
            {
                logger.LogError("Rollback of {Container} failed at '{Step}': {Error}", name, step, DockerRefusals.Message(e));
                steps.Failed($"rollback step '{step}': {DockerRefusals.Message(e)}");
            }
        }
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
