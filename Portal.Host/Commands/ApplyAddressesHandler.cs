using Docker.DotNet;
using Portal.Contracts.Commands;
using Portal.Contracts.PortalRules;
using Portal.Core.Addresses;
using Portal.Core.Iptables;
using Portal.Core.Validation;
using Portal.Host.Docker;
using Portal.Host.Netlink;

namespace Portal.Host.Commands;

/// <summary>
/// Makes the host's public addresses what the command says, whole: adds each missing address to its interface (/32,
/// marked with the portal's address protocol), replaces the portal's address chains and puts their jumps first in one
/// <c>iptables-restore -w --noflush</c>, then removes the marked addresses no longer wanted. The agent checks again that
/// every interface is a host interface (not a Docker bridge) holding the address's subnet and every bridge is one of its
/// Docker networks; a failed rule write takes back the addresses this command added. Unmarked addresses are never removed.
/// </summary>
public sealed class ApplyAddressesHandler(IDockerClient docker, IptablesWriter iptables) : CommandHandler<ApplyAddressesCommand>
{
    public override ValidationErrors Validate(ApplyAddressesCommand command)
    {
        if (command.Addresses?.Mappings is null)
        {
            var errors = new ValidationErrors();
            errors.Add("addresses", "missing");
            return errors;
        }

        return command.Addresses.Validate();
    }

    public override CommandLock Lock(ApplyAddressesCommand command) => CommandLock.Host;

    /// <summary>The chains' rules and the jumps it writes (or removes, for an empty set).</summary>
    public override IReadOnlySet<string> Predict(ApplyAddressesCommand command) =>
        new HashSet<string>(command.Addresses.ChainRules().SelectMany(c => c.Rules).Concat(PortalAddressText.Jumps.Select(j => j.Rule)), StringComparer.Ordinal);

    public override async Task<CommandResult> ExecuteAsync(ApplyAddressesCommand command, CommandSteps steps, CancellationToken cancellationToken)
    {
        var set = command.Addresses;
        var bridges = (await NetworkReader.ReadAsync(docker, cancellationToken)).Select(n => n.BridgeName).ToHashSet(StringComparer.Ordinal);
        using var socket = NetlinkSocket.Open(receiveTimeout: TimeSpan.FromSeconds(5));
        var links = LinkReader.Links(socket);
        var addresses = LinkReader.Addresses(socket);
        var refusal = new ValidationErrors();
        foreach (var mapping in set.Mappings)
        {
            Check(mapping, links, addresses, bridges, refusal);
        }

        if (!refusal.IsEmpty)
        {
            throw new CommandRefusal(400, refusal.ToString());
        }

        try
        {
            foreach (var mapping in set.Mappings)
            {
                var link = links.First(l => l.Name == mapping.Interface);
                if (addresses.Any(a => a.Index == link.Index && a.Address == mapping.Address))
                {
                    continue;
                }

                if (AddressWriter.Add(socket, link.Index, mapping.Address, 32, PortalAddressSet.AddressProtocol))
                {
                    steps.Done($"added {mapping.Address}/32 to {mapping.Interface}");
                    var (index, address) = (link.Index, mapping.Address);
                    steps.Undoable($"added {address}/32 to {mapping.Interface}", () =>
                    {
                        using var undo = NetlinkSocket.Open(receiveTimeout: TimeSpan.FromSeconds(5));
                        AddressWriter.Remove(undo, index, address, 32);
                        return Task.CompletedTask;
                    });
                }
            }

            var rules = RulesetParser.Parse(await iptables.SaveAllAsync(cancellationToken));
            var input = set.ToRestoreInput(
                (table, hook) => rules.Table(table)?.Chain(hook)?.Rules.Count(r => r.Text == $"-A {hook} -j {Target(hook)}") ?? 0,
                (table, chain) => rules.Table(table)?.Chain(chain) is not null);
            if (input is not null)
            {
                await iptables.RestoreAsync(input, cancellationToken);
                steps.Done(set.Mappings.Count == 0
                    ? $"removed {PortalAddressSet.DnatChain}, {PortalAddressSet.SnatChain}, {PortalAddressSet.FilterChain} and their jumps"
                    : $"replaced {PortalAddressSet.DnatChain}, {PortalAddressSet.SnatChain} and {PortalAddressSet.FilterChain} for {set.Mappings.Count} addresses, their jumps first");
            }
        }
        catch (IOException e)
        {
            // The dispatcher undoes the addresses added so far.
            throw new CommandRefusal(502, e.Message, e);
        }

        var wanted = set.Mappings.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
        foreach (var mine in addresses.Where(a => a.Protocol == PortalAddressSet.AddressProtocol && !wanted.Contains(a.Address)))
        {
            AddressWriter.Remove(socket, mine.Index, mine.Address, mine.PrefixLength);
            steps.Done($"removed {mine.Address}/{mine.PrefixLength} from {links.FirstOrDefault(l => l.Index == mine.Index)?.Name} (the portal had added it)");
        }

        return CommandResult.Done(steps.All);
    }

    private static string Target(string hook) => PortalAddressText.Jumps.First(j => j.Hook == hook).Target;

    private static void Check(PortalAddressMapping mapping, IReadOnlyList<KernelLink> links, IReadOnlyList<KernelAddress> addresses, IReadOnlySet<string> bridges, ValidationErrors errors)
    {
        if (mapping.Bridge is not null && !bridges.Contains(mapping.Bridge))
        {
            errors.Add("bridge", $"'{mapping.Bridge}' is not the bridge of a Docker network on this host");
        }

        var link = links.FirstOrDefault(l => l.Name == mapping.Interface);
        if (link is null || bridges.Contains(mapping.Interface) || link.Master is not null || link.Name == "lo")
        {
            errors.Add("interface", $"'{mapping.Interface}' is not a host interface here");
            return;
        }

        Ipv4Cidr.TryParseAddress(mapping.Address, out var value);
        var inSubnet = addresses
            .Where(a => a.Index == link.Index && a.PrefixLength < 32 && a.Protocol != PortalAddressSet.AddressProtocol)
            .Any(a => Ipv4Cidr.TryParseAddress(a.Address, out var own)
                && a.Address != mapping.Address
                && new Ipv4Cidr(own & (uint.MaxValue << (32 - a.PrefixLength)), a.PrefixLength).ContainsHost(value));
        if (!inSubnet)
        {
            errors.Add("address", $"{mapping.Address} is not a free host address of {mapping.Interface}'s subnet");
        }

        if (addresses.Any(a => a.Address == mapping.Address && a.Index != link.Index))
        {
            errors.Add("address", $"{mapping.Address} is held by another interface");
        }
    }
}
