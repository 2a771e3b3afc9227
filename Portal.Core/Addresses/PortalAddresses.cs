using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.Validation;

namespace Portal.Core.Addresses;

/// <summary>
/// The one derivation of a host's public addresses: the whole <see cref="PortalAddressSet"/> from ALL its address intents
/// and its observed state at once, each mapping at the container's address of now (a container restarted into a new
/// address is followed), and what the observed host lacks of it (the reconciler's drift).
/// </summary>
public static class PortalAddresses
{
    public static PortalAddressSet Derive(IEnumerable<IntentSpec> intents, HostSnapshot state)
    {
        ArgumentNullException.ThrowIfNull(intents);
        ArgumentNullException.ThrowIfNull(state);
        var host = new HostState(state);
        var mappings = new List<PortalAddressMapping>();
        foreach (var intent in intents.OfType<AddressIntent>())
        {
            if (mappings.Any(m => m.Address == intent.Address))
            {
                continue;
            }

            var container = host.Container(intent.Container);
            var bridge = container is not null && host.IsRunning(container) ? host.PortBridge(container) : null;
            var ipv4 = container is null || bridge is null ? null : HostState.Endpoint(container, bridge.Network)?.Ipv4;
            mappings.Add(new PortalAddressMapping(
                intent.Address,
                intent.Interface,
                container?.Name ?? intent.Container,
                ipv4,
                ipv4 is null ? null : bridge!.Name,
                Normalize(intent.Ports)));
        }

        return new PortalAddressSet([.. mappings.OrderBy(m => Ipv4Cidr.TryParseAddress(m.Address, out var a) ? a : 0u)]);
    }

    /// <summary>Ports as the rules carry them: "80/tcp", sorted, without repeats; empty for every port.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string>? ports) =>
        ports is null
            ? []
            : [.. ports
                .Select(p => Ports.TryParse(p, out var port, out var protocol) ? (port, protocol) : (0, string.Empty))
                .Where(p => p.Item1 > 0)
                .Distinct()
                .OrderBy(p => p.Item1).ThenBy(p => p.Item2, StringComparer.Ordinal)
                .Select(p => $"{p.Item1}/{p.Item2}")];

    /// <summary>Whether any intent wants an address (no chains are written for a host that needs none).</summary>
    public static bool IsNeeded(IEnumerable<IntentSpec> intents) => intents.Any(i => i is AddressIntent);

    /// <summary>
    /// What the observed host lacks of <paramref name="desired"/>, in words, or null when it holds exactly that: the chains'
    /// rules, their jumps first in their hooks, each address on its interface and no portal address left over.
    /// </summary>
    public static string? Drift(PortalAddressSet desired, HostSnapshot state)
    {
        foreach (var (table, chain, rules) in desired.ChainRules())
        {
            var observed = Rules(state, table, chain).Select(r => r.Text).ToList();
            var wanted = desired.Mappings.Count == 0 ? [] : rules;
            if (!observed.SequenceEqual(wanted, StringComparer.Ordinal))
            {
                return $"{table} {chain} holds {observed.Count} rules, not the {wanted.Count} wanted";
            }
        }

        foreach (var jump in PortalAddressText.Jumps)
        {
            var hook = Rules(state, jump.Table, jump.Hook).ToList();
            var present = hook.Count(r => r.Text == jump.Rule);
            if (desired.Mappings.Count == 0 ? present > 0 : present != 1 || hook[0].Text != jump.Rule)
            {
                return desired.Mappings.Count == 0
                    ? $"{jump.Table} {jump.Hook} still jumps to {jump.Target}"
                    : $"{jump.Table} {jump.Hook} does not jump to {jump.Target} first";
            }
        }

        if (state.Interfaces is not { } interfaces)
        {
            return null;
        }

        foreach (var mapping in desired.Mappings)
        {
            var holder = interfaces.FirstOrDefault(i => i.Name == mapping.Interface);
            if (holder is null || !holder.Addresses.Any(a => a.Address == mapping.Address))
            {
                return $"{mapping.Interface} does not hold {mapping.Address}";
            }
        }

        var wantedAddresses = desired.Mappings.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
        var leftover = interfaces.SelectMany(i => i.Addresses.Where(a => a.Portal && !wantedAddresses.Contains(a.Address)).Select(a => $"{a.Address} on {i.Name}")).FirstOrDefault();
        return leftover is null ? null : $"the portal's address {leftover} is no longer wanted";
    }

    private static IEnumerable<Rule> Rules(HostSnapshot state, string table, string chain) =>
        state.Rules.Where(r => r.Table == table && r.Chain == chain).OrderBy(r => r.Index);
}
