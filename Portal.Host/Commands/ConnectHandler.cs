using Docker.DotNet;
using Docker.DotNet.Models;
using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>
/// Connects a container to a network with an alias, a fixed address and links. A container already on the network
/// that is given links is disconnected and reconnected with its aliases, address and links plus the new ones
/// (an endpoint's links cannot change in place), and put back as it was if the reconnect fails.
/// </summary>
public sealed class ConnectHandler(IDockerClient docker)
{
    public static ValidationErrors Validate(ConnectCommand command)
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

        if (command.Alias is not null && !Names.IsDnsLabel(command.Alias))
        {
            errors.Add("alias", $"'{command.Alias}' is not a DNS label");
        }

        if (command.Ipv4 is not null && !Ipv4Cidr.TryParseAddress(command.Ipv4, out _))
        {
            errors.Add("ipv4", $"'{command.Ipv4}' is not an IPv4 address");
        }

        LinkValidation.Check(command.Links, "links", errors);
        return errors;
    }

    public async Task<CommandResult> ExecuteAsync(ConnectCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        var network = await InspectNetworkAsync(command.Network, cancellationToken);
        if (command.Ipv4 is not null)
        {
            CheckAddress(network, command.Ipv4);
        }

        var container = await ContainerInspection.InspectAsync(docker, command.Container, cancellationToken);
        var links = (command.Links ?? []).Select(l => $"{l.Target}:{l.Alias}").ToList();
        if (container.NetworkSettings?.Networks?.TryGetValue(network.Name, out var current) == true && links.Count > 0)
        {
            await RelinkAsync(command, network.Name, container, current, links, steps, cancellationToken);
            return CommandResult.Done(steps.All);
        }

        var endpoint = new EndpointSettings
        {
            Aliases = command.Alias is null ? null! : [command.Alias],
            IPAMConfig = command.Ipv4 is null ? null! : new EndpointIPAMConfig { IPv4Address = command.Ipv4 },
            Links = links.Count == 0 ? null! : links,
        };
        await ConnectAsync(network.Name, command.Container, endpoint, $"connecting {command.Container} to {network.Name}", cancellationToken);
        steps.Done($"connected {command.Container} to {network.Name}{Describe(endpoint)}");
        return CommandResult.Done(steps.All);
    }

    private async Task RelinkAsync(
        ConnectCommand command,
        string network,
        ContainerInspectResponse container,
        EndpointSettings current,
        List<string> links,
        CommandSteps steps,
        CancellationToken cancellationToken)
    {
        var name = ContainerInspection.Name(container);
        var aliases = EndpointAliases.Given(current.Aliases, container.ID, container.Config?.Hostname, name);
        var previous = new EndpointSettings
        {
            Aliases = aliases.Count == 0 ? null! : aliases,
            IPAMConfig = current.IPAMConfig,
            Links = current.Links?.Count > 0 ? [.. current.Links] : null!,
        };
        var wanted = new EndpointSettings
        {
            Aliases = command.Alias is null || aliases.Contains(command.Alias) ? previous.Aliases : [.. aliases, command.Alias],
            IPAMConfig = command.Ipv4 is null ? current.IPAMConfig : new EndpointIPAMConfig { IPv4Address = command.Ipv4 },
            Links = [.. (current.Links ?? []).Concat(links).Distinct(StringComparer.Ordinal)],
        };

        await DisconnectAsync(network, name, cancellationToken);
        steps.Done($"disconnected {name} from {network}");
        try
        {
            await ConnectAsync(network, name, wanted, $"reconnecting {name} to {network}", cancellationToken);
            steps.Done($"reconnected {name} to {network}{Describe(wanted)}");
        }
        catch (CommandRefusal refusal)
        {
            steps.Failed(refusal.Message);
            try
            {
                await ConnectAsync(network, name, previous, $"restoring {name} on {network}", CancellationToken.None);
                steps.Undone($"reconnected {name} to {network}{Describe(previous)}");
            }
            catch (CommandRefusal restore)
            {
                steps.Failed(restore.Message);
            }

            throw new CommandRefusal(refusal.Status, refusal.Message, refusal);
        }
    }

    private async Task<NetworkResponse> InspectNetworkAsync(string network, CancellationToken cancellationToken)
    {
        try
        {
            return await docker.Networks.InspectNetworkAsync(network, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw DockerRefusals.From(e, $"network {network}");
        }
    }

    /// <summary>A fixed address must lie in one of the network's configured subnets: a 400 before anything is touched.</summary>
    private static void CheckAddress(NetworkResponse network, string ipv4)
    {
        Ipv4Cidr.TryParseAddress(ipv4, out var address);
        var subnets = (network.IPAM?.Config ?? [])
            .Select(c => Ipv4Cidr.TryParse(c.Subnet, out var cidr) ? cidr : (Ipv4Cidr?)null)
            .OfType<Ipv4Cidr>()
            .ToList();
        if (subnets.Count == 0)
        {
            throw new CommandRefusal(400, $"ipv4: network {network.Name} has no configured subnet, so it takes no fixed address");
        }

        if (!subnets.Any(s => s.ContainsHost(address)))
        {
            throw new CommandRefusal(400, $"ipv4: {ipv4} is not a host address of {string.Join(", ", subnets)} ({network.Name})");
        }
    }

    private async Task ConnectAsync(string network, string container, EndpointSettings endpoint, string doing, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = container, EndpointConfig = endpoint }, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw DockerRefusals.From(e, doing);
        }
    }

    private async Task DisconnectAsync(string network, string container, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Networks.DisconnectNetworkAsync(network, new NetworkDisconnectParameters { Container = container }, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw DockerRefusals.From(e, $"disconnecting {container} from {network}");
        }
    }

    internal static string Describe(EndpointSettings endpoint)
    {
        var parts = new List<string>();
        if (endpoint.Aliases?.Count > 0)
        {
            parts.Add($"aliases {string.Join(',', endpoint.Aliases)}");
        }

        if (endpoint.IPAMConfig?.IPv4Address is { Length: > 0 } ip)
        {
            parts.Add($"address {ip}");
        }

        if (endpoint.Links?.Count > 0)
        {
            parts.Add($"links {string.Join(',', endpoint.Links)}");
        }

        return parts.Count == 0 ? string.Empty : $" with {string.Join(", ", parts)}";
    }
}
