using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.Addresses;

/// <summary>
/// Plans giving a host address to a container and taking it back. Everything is checked against the observed host
/// before anything is touched: the address must be a free host address of the interface's subnet (not the interface's
/// own, not held by another interface, not mapped already, not bound by another container's published port), and the
/// container must exist. The plan writes the whole address set derived from every intent (<see cref="PortalAddresses"/>).
/// </summary>
public static class AddressPlanner
{
    /// <param name="standing">Every intent standing before the change.</param>
    public static PlannedChange Map(AddressRequest request, HostState state, IReadOnlyList<IntentSpec> standing)
    {
        var errors = new ValidationErrors();
        var address = request.Address?.Trim();
        if (!Ipv4Cidr.TryParseAddress(address, out var value))
        {
            errors.Add("address", "an IPv4 address such as 10.20.30.150 is required");
        }

        if (!PortalRuleSet.IsInterfaceName(request.Interface))
        {
            errors.Add("interface", "a host interface name such as eth0 is required");
        }

        if (!Names.IsContainerName(request.Container))
        {
            errors.Add("container", "a container name is required");
        }

        foreach (var port in request.Ports ?? [])
        {
            if (!Ports.TryParse(port, out _, out _))
            {
                errors.Add("ports", $"'{port}' is not a port such as 80/tcp");
            }
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var container = state.Container(request.Container!);
        if (container is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"container '{request.Container}' not found on host '{state.Host}'"));
        }

        var ports = PortalAddresses.Normalize(request.Ports);
        if (Refusal(address!, value, request.Interface!, container, ports, state, standing) is { } refused)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(refused));
        }

        var spec = new AddressIntent(address!, request.Interface!, container.Name, ports.Count == 0 ? null : ports);
        var before = PortalAddresses.Derive(standing, state.Snapshot);
        var after = PortalAddresses.Derive([.. standing, spec], state.Snapshot);
        var held = Holder(state, address!);
        var steps = new List<string>();
        if (held is null)
        {
            steps.Add($"add {address}/32 to {request.Interface} (marked as the portal's)");
        }

        steps.Add($"rewrite {PortalAddressSet.DnatChain}, {PortalAddressSet.SnatChain} and {PortalAddressSet.FilterChain} in one iptables-restore --noflush, their jumps first");
        var mapped = after.Mappings.First(m => m.Address == address);
        var plan = new Plan(
            $"give {address} on {request.Interface} to {container.Name}" + (ports.Count == 0 ? " (all ports)" : $" ({string.Join(", ", ports)})"),
            [.. steps.Select((s, i) => new PlanStep(i + 1, s))],
            [],
            [],
            Diff(before, after, state.Snapshot),
            [],
            mapped.ContainerIpv4 is null
                ? $"none: '{container.Name}' has no address now; the rules follow once it runs"
                : $"none: new connections to {address} reach {container.Name} ({mapped.ContainerIpv4}); its new outbound connections leave from {address}");
        return PlannedChange.Of(plan, new ApplyAddressesCommand(after));
    }

    /// <param name="standing">Every intent standing before the change.</param>
    public static PlannedChange Unmap(string? address, HostState state, IReadOnlyList<IntentSpec> standing)
    {
        var mapped = standing.OfType<AddressIntent>().FirstOrDefault(a => a.Address == address);
        if (mapped is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"address '{address}' is not mapped on host '{state.Host}'"));
        }

        var before = PortalAddresses.Derive(standing, state.Snapshot);
        var after = PortalAddresses.Derive(standing.Where(s => s != mapped), state.Snapshot);
        var marked = Holder(state, mapped.Address) is { } holder && holder.Address.Portal;
        var plan = new Plan(
            $"take {mapped.Address} on {mapped.Interface} back from {mapped.Container}",
            [
                new PlanStep(1, after.Mappings.Count == 0
                    ? $"remove {PortalAddressSet.DnatChain}, {PortalAddressSet.SnatChain}, {PortalAddressSet.FilterChain} and their jumps in one iptables-restore --noflush"
                    : $"rewrite {PortalAddressSet.DnatChain}, {PortalAddressSet.SnatChain} and {PortalAddressSet.FilterChain} in one iptables-restore --noflush"),
                new PlanStep(2, marked
                    ? $"remove {mapped.Address} from {mapped.Interface} (the portal added it)"
                    : $"keep {mapped.Address} on {mapped.Interface} (the portal did not add it)"),
            ],
            [],
            [],
            Diff(before, after, state.Snapshot),
            [],
            $"new connections to {mapped.Address} no longer reach {mapped.Container}; its outbound traffic is masqueraded again");
        return PlannedChange.Of(plan, new ApplyAddressesCommand(after));
    }

    private static ValidationErrors? Refusal(
        string address, uint value, string name, Container container, IReadOnlyList<string> ports, HostState state, IReadOnlyList<IntentSpec> standing)
    {
        var errors = new ValidationErrors();
        var interfaces = state.Snapshot.Interfaces;
        var owner = interfaces?.FirstOrDefault(i => i.Name == name);
        if (interfaces is null)
        {
            errors.Add("interface", $"the agent of host '{state.Host}' does not report its interfaces (an older agent)");
            return errors;
        }

        if (owner is null)
        {
            errors.Add("interface", $"'{name}' is not an interface of host '{state.Host}' (Docker's bridges and veths do not count)");
            return errors;
        }

        var subnets = owner.Addresses
            .Where(a => a.PrefixLength < 32 && !a.Portal)
            .Select(a => Ipv4Cidr.TryParseAddress(a.Address, out var own) ? (a, new Ipv4Cidr(own & Mask(a.PrefixLength), a.PrefixLength)) : default)
            .Where(s => s.a is not null)
            .ToList();
        if (!subnets.Any(s => s.Item2.ContainsHost(value)))
        {
            errors.Add("address", subnets.Count == 0
                ? $"'{name}' has no IPv4 subnet to take {address} from"
                : $"{address} is not a host address of {name}'s subnet {string.Join(", ", subnets.Select(s => s.Item2))}");
        }
        else if (subnets.Any(s => s.a.Address == address))
        {
            errors.Add("address", $"{address} is the host's own address on {name}");
        }
        else if (interfaces.FirstOrDefault(i => i.Name != name && i.Addresses.Any(a => a.Address == address)) is { } other)
        {
            errors.Add("address", $"{address} is in use on {other.Name}");
        }
        else if (state.Snapshot.Bridges.Any(b => b.Gateway == address))
        {
            errors.Add("address", $"{address} is the gateway of a Docker network");
        }

        var mapped = standing.OfType<AddressIntent>().ToList();
        if (mapped.FirstOrDefault(a => a.Address == address) is { } taken)
        {
            errors.Add("address", $"{address} is already mapped to '{taken.Container}'");
        }

        if (mapped.FirstOrDefault(a => a.Container == container.Name) is { } existing)
        {
            errors.Add("container", $"'{container.Name}' already has the address {existing.Address}; one address per container");
        }

        if (state.PortBridge(container) is null)
        {
            errors.Add("container", $"'{container.Name}' is not on a bridge network");
        }

        foreach (var other in state.Snapshot.Containers.Where(c => c.Id != container.Id))
        {
            foreach (var binding in other.Ports.Where(p => p.HostIp == address && p.HostPort is not null))
            {
                if (ports.Count == 0 || ports.Contains($"{binding.HostPort}/{binding.Protocol}"))
                {
                    errors.Add(ports.Count == 0 ? "address" : "ports", $"'{other.Name}' publishes {address}:{binding.HostPort}/{binding.Protocol}");
                }
            }
        }

        return errors.IsEmpty ? null : errors;
    }

    /// <summary>The interface holding <paramref name="address"/> now, and the address as observed; null when none does.</summary>
    private static (HostInterface Interface, InterfaceAddress Address)? Holder(HostState state, string address) =>
        (state.Snapshot.Interfaces ?? [])
            .SelectMany(i => i.Addresses.Where(a => a.Address == address).Select(a => ((HostInterface, InterfaceAddress)?)(i, a)))
            .FirstOrDefault();

    private static uint Mask(int prefix) => prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);

    private static IReadOnlyList<PlannedRule> Diff(PortalAddressSet before, PortalAddressSet after, HostSnapshot state)
    {
        var planned = new List<PlannedRule>();
        var old = before.Mappings.Count == 0 ? [] : before.ChainRules();
        var now = after.Mappings.Count == 0 ? [] : after.ChainRules();
        foreach (var (table, chain, rules) in now)
        {
            var was = old.FirstOrDefault(c => c.Chain == chain).Rules ?? [];
            planned.AddRange(was.Except(rules, StringComparer.Ordinal).Select(r => new PlannedRule(table, chain, ChangeKind.Removed, r)));
            planned.AddRange(rules.Except(was, StringComparer.Ordinal).Select(r => new PlannedRule(table, chain, ChangeKind.Added, r)));
        }

        foreach (var (table, chain, rules) in old.Where(o => now.All(n => n.Chain != o.Chain)))
        {
            planned.AddRange(rules.Select(r => new PlannedRule(table, chain, ChangeKind.Removed, r)));
        }

        foreach (var jump in PortalAddressText.Jumps)
        {
            var present = state.Rules.Any(r => r.Table == jump.Table && r.Chain == jump.Hook && r.Text == jump.Rule);
            if (after.Mappings.Count > 0 && !present)
            {
                planned.Add(new PlannedRule(jump.Table, jump.Hook, ChangeKind.Added, jump.Rule));
            }
            else if (after.Mappings.Count == 0 && present)
            {
                planned.Add(new PlannedRule(jump.Table, jump.Hook, ChangeKind.Removed, jump.Rule));
            }
        }

        return planned;
    }
}
