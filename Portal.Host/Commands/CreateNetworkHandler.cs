using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>Creates a bridge network with its subnet, gateway, ICC, masquerade and MTU.</summary>
public sealed class CreateNetworkHandler(IDockerClient docker)
{
    public static ValidationErrors Validate(CreateNetworkCommand command)
    {
        var errors = new ValidationErrors();
        if (!Names.IsNetworkName(command.Name))
        {
            errors.Add("name", $"'{command.Name}' is not a network name");
        }

        Ipv4Cidr subnet = default;
        var hasSubnet = command.Subnet is not null;
        if (hasSubnet && !Ipv4Cidr.TryParse(command.Subnet, out subnet))
        {
            errors.Add("subnet", $"'{command.Subnet}' is not an IPv4 CIDR with the host bits clear");
            hasSubnet = false;
        }

        if (command.Gateway is not null)
        {
            if (!Ipv4Cidr.TryParseAddress(command.Gateway, out var gateway))
            {
                errors.Add("gateway", $"'{command.Gateway}' is not an IPv4 address");
            }
            else if (command.Subnet is null)
            {
                errors.Add("gateway", "a gateway needs a subnet");
            }
            else if (hasSubnet && !subnet.ContainsHost(gateway))
            {
                errors.Add("gateway", $"{command.Gateway} is not a host address of {command.Subnet}");
            }
        }

        if (command.Mtu is { } mtu && mtu is < 68 or > 65535)
        {
            errors.Add("mtu", $"{mtu} is not between 68 and 65535");
        }

        return errors;
    }

    public async Task<CommandResult> ExecuteAsync(CreateNetworkCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        // API 1.41 creates a second network of the same name unless asked not to, and the client model no longer
        // has CheckDuplicate: look first (commands on one agent are serialized by the executor's host lock).
        var existing = await docker.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken);
        if (existing.Any(n => n.Name == command.Name))
        {
            return CommandResult.Refused(409, $"network with name {command.Name} already exists", steps.All);
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["com.docker.network.bridge.enable_icc"] = command.Icc ? "true" : "false",
            ["com.docker.network.bridge.enable_ip_masquerade"] = command.Masquerade ? "true" : "false",
        };
        if (command.Mtu is { } mtu)
        {
            options["com.docker.network.driver.mtu"] = mtu.ToString(CultureInfo.InvariantCulture);
        }

        var parameters = new NetworksCreateParameters
        {
            Name = command.Name,
            Driver = "bridge",
            Options = options,
            IPAM = command.Subnet is null
                ? null!
                : new IPAM { Driver = "default", Config = [new IPAMConfig { Subnet = command.Subnet, Gateway = command.Gateway! }] },
        };
        try
        {
            var created = await docker.Networks.CreateNetworkAsync(parameters, cancellationToken);
            steps.Done($"created network {command.Name} ({Describe(command)}, id {created.ID[..Math.Min(12, created.ID.Length)]})");
        }
        catch (DockerApiException e)
        {
            throw DockerRefusals.From(e, $"creating network {command.Name}");
        }

        return CommandResult.Done(steps.All);
    }

    private static string Describe(CreateNetworkCommand command) =>
        $"subnet {command.Subnet ?? "auto"}, gateway {command.Gateway ?? "auto"}, icc {(command.Icc ? "on" : "off")}, "
        + $"masquerade {(command.Masquerade ? "on" : "off")}{(command.Mtu is { } mtu ? $", mtu {mtu}" : string.Empty)}";
}
