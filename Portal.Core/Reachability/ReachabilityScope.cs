using System.Globalization;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>
/// What a change can alter, read from its rules and from the host before and after it: the networks whose every pair
/// it may alter (a rule naming the bridge or its subnet, a container joining or leaving), the containers whose pairs it
/// may alter (a rule naming one's address, its ports or endpoints changing), and the outside targets it may open or
/// close (published ports of those containers, the destinations of its DNAT rules). A rule that names no bridge and no
/// address (a port-wide drop in DOCKER-USER) may alter any pair: then <see cref="Everything"/> is set. Unconditional
/// jumps and returns name nothing and widen nothing (the rules of the chain they reach decide).
/// </summary>
public sealed class ReachabilityScope
{
    private bool containerNamed;

    public HashSet<string> Networks { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Containers { get; } = new(StringComparer.Ordinal);

    public bool Everything { get; private set; }

    /// <summary>Outside targets from the change's DNAT rules: the address asked (null: any host address), port and protocol.</summary>
    public List<(uint? Address, int Port, TransportProtocol Protocol)> Translated { get; } = [];

    public static ReachabilityScope Of(HostTopology before, HostTopology after, IEnumerable<PlannedRule> rules)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(rules);
        var scope = new ReachabilityScope();
        foreach (var rule in rules)
        {
            scope.Read(rule, before, after);
        }

        scope.Compare(before, after);
        return scope;
    }

    /// <summary>Whether an ordered pair on <paramref name="network"/> is in scope.</summary>
    public bool Covers(string network, string from, string to) =>
        Everything || Networks.Contains(network) || Containers.Contains(from) || Containers.Contains(to);

    private void Read(PlannedRule rule, HostTopology before, HostTopology after)
    {
        if (rule.Table is "raw" or "mangle" or "security")
        {
            Everything = true;
            return;
        }

        var words = rule.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var named = false;
        var containers = Containers.Count;
        containerNamed = false;
        var bridges = new HashSet<string>(StringComparer.Ordinal);
        string? protocol = null;
        string? port = null;
        uint? destination = null;
        var dnat = false;
        for (var i = 2; i < words.Length; i++)
        {
            var value = i + 1 < words.Length ? words[i + 1] : null;
            switch (words[i])
            {
                case "-i" or "-o" or "--in-interface" or "--out-interface" when value is not null:
                    named |= Bridge(value, before, bridges) | Bridge(value, after, bridges);
                    break;
                case "-s" or "-d" or "--source" or "--destination" or "--to-destination" when value is not null:
                    named |= Address(value, before, words[i] is "-d" or "--destination" ? a => destination = a : null)
                        | Address(value, after, null);
                    break;
                case "-p" or "--protocol":
                    protocol = value;
                    break;
                case "--dport" or "--destination-port":
                    port = value;
                    break;
                case "-j" when value == "DNAT":
                    dnat = true;
                    break;
                default:
                    break;
            }
        }

        // A rule naming a container's address touches that container's pairs only; its bridge names the network
        // whole only when it names no container (an ICC rule, Docker's per-bridge rules).
        if (Containers.Count == containers && !containerNamed)
        {
            Networks.UnionWith(bridges);
        }

        if (dnat && protocol is not null && ServicePort.TryProtocol(protocol, out var transport)
            && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            Translated.Add((destination, number, transport));
        }

        if (!named && !IsUnconditional(words))
        {
            Everything = true;
        }
    }

    /// <summary>Containers whose endpoints or ports differ, and the networks they join or leave.</summary>
    private void Compare(HostTopology before, HostTopology after)
    {
        foreach (var container in before.Containers.Select(c => c.Name).Union(after.Containers.Select(c => c.Name)))
        {
            var was = before.Container(container);
            var isNow = after.Container(container);
            var endpointsBefore = was?.Endpoints.Select(e => (e.Bridge.Network, e.Address)).ToHashSet() ?? [];
            var endpointsAfter = isNow?.Endpoints.Select(e => (e.Bridge.Network, e.Address)).ToHashSet() ?? [];
            if (!endpointsBefore.SetEquals(endpointsAfter))
            {
                Containers.Add(container);
                foreach (var (network, _) in endpointsBefore.Except(endpointsAfter).Concat(endpointsAfter.Except(endpointsBefore)))
                {
                    Networks.Add(network);
                }
            }

            if (!(was?.Container.Ports ?? []).SequenceEqual(isNow?.Container.Ports ?? [])
                || !(was?.Container.Exposed ?? []).SequenceEqual(isNow?.Container.Exposed ?? []))
            {
                Containers.Add(container);
            }
        }
    }

    private static bool Bridge(string value, HostTopology topology, HashSet<string> bridges)
    {
        var name = value.TrimStart('!');
        if (topology.BridgeNamed(name) is { } bridge)
        {
            bridges.Add(bridge.Network);
            return true;
        }

        return false;
    }

    private bool Address(string value, HostTopology topology, Action<uint>? single)
    {
        var text = value.TrimStart('!');
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            text = text[..colon];
        }

        if (!Ipv4Network.TryParse(text, out var network))
        {
            return false;
        }

        if (network.IsSingleAddress)
        {
            single?.Invoke(network.Address);
            if (topology.ContainerAt(network.Address) is { } container)
            {
                Containers.Add(container.Name);
                containerNamed = true;
                return true;
            }
        }

        var found = false;
        foreach (var bridge in topology.Bridges.Where(b => b.Subnet is { } subnet && (subnet.Contains(network.Address) || network.Contains(subnet.Address))))
        {
            // A single address inside a subnet that no container holds names nobody yet; a subnet names its bridge.
            if (!network.IsSingleAddress)
            {
                Networks.Add(bridge.Network);
            }

            found = true;
        }

        // An outside address (a public address's DNAT) names the container it translates to through --to-destination.
        return found || network.IsSingleAddress;
    }

    private static bool IsUnconditional(string[] words) => words.Length == 4 && words[2] is "-j" or "-g";
}
