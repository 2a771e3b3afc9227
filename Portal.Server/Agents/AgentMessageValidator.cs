using Portal.Contracts.Model;

namespace Portal.Server.Agents;

/// <summary>
/// What an agent's message must satisfy before it touches the state: its host is the token's host, sequence
/// numbers are not negative, no list is missing, and the host's interfaces are a bounded list of named interfaces with
/// real IPv4 addresses (the address planner and the zones picture trust them). Returns the reason it fails, or null.
/// </summary>
public static class AgentMessageValidator
{
    /// <summary>More interfaces than a real host has (veths are not reported) means a broken or hostile agent.</summary>
    public const int MaxInterfaces = 256;

    /// <summary>Addresses on one interface: sixteen failover addresses are a lot; a thousand is already absurd.</summary>
    public const int MaxInterfaceAddresses = 1024;

    /// <summary>The kernel's interface name limit (IFNAMSIZ less the terminating NUL).</summary>
    private const int MaxInterfaceName = 15;

    public static string? Check(HostSnapshot snapshot, string host)
    {
        if (!string.Equals(snapshot.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            return $"snapshot for host '{snapshot.Host}' on the token of '{host}'";
        }

        if (snapshot.Sequence < 0)
        {
            return "negative sequence";
        }

        if (snapshot.Bridges is null || snapshot.Containers is null || snapshot.Rules is null)
        {
            return "missing bridges, containers or rules";
        }

        return CheckBridges(snapshot.Bridges) ?? CheckContainers(snapshot.Containers) ?? CheckRules(snapshot.Rules)
            ?? (snapshot.Interfaces is null ? null : CheckInterfaces(snapshot.Interfaces));
    }

    public static string? Check(HostDelta delta, string host)
    {
        if (!string.Equals(delta.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            return $"delta for host '{delta.Host}' on the token of '{host}'";
        }

        if (delta.Sequence < 0)
        {
            return "negative sequence";
        }

        if (delta.RemovedContainers?.Any(string.IsNullOrEmpty) == true)
        {
            return "an empty removed container";
        }

        return (delta.Bridges is null ? null : CheckBridges(delta.Bridges))
            ?? (delta.UpsertedContainers is null ? null : CheckContainers(delta.UpsertedContainers))
            ?? (delta.Chains is null ? null : CheckChains(delta.Chains))
            ?? (delta.Interfaces is null ? null : CheckInterfaces(delta.Interfaces));
    }

    private static string? CheckInterfaces(IReadOnlyList<HostInterface> interfaces)
    {
        if (interfaces.Count > MaxInterfaces)
        {
            return $"{interfaces.Count} host interfaces (at most {MaxInterfaces})";
        }

        foreach (var link in interfaces)
        {
            if (link is null || string.IsNullOrEmpty(link.Name) || link.Name.Length > MaxInterfaceName || link.Addresses is null)
            {
                return "a host interface without a valid name or addresses";
            }

            if (link.Addresses.Count > MaxInterfaceAddresses)
            {
                return $"{link.Addresses.Count} addresses on {link.Name} (at most {MaxInterfaceAddresses})";
            }

            if (link.Addresses.Any(a => a is null || a.PrefixLength is < 0 or > 32
                || !System.Net.IPAddress.TryParse(a.Address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork))
            {
                return $"an address on {link.Name} that is not IPv4 with a prefix of 0 to 32";
            }
        }

        return null;
    }

    private static string? CheckBridges(IReadOnlyList<Bridge> bridges) =>
        bridges.Any(b => b is null || string.IsNullOrEmpty(b.Name) || b.Interfaces is null)
            ? "a bridge without a name or interfaces"
            : null;

    private static string? CheckContainers(IReadOnlyList<Container> containers) =>
        containers.Any(c => c is null || string.IsNullOrEmpty(c.Id) || string.IsNullOrEmpty(c.Name)
            || c.Endpoints is null || c.Ports is null || c.Exposed is null || c.Links is null || c.Env is null || c.Hosts is null)
            ? "a container without an id, a name or one of its lists"
            : null;

    private static string? CheckChains(IReadOnlyList<ChainRules> chains)
    {
        if (chains.Any(c => c is null || string.IsNullOrEmpty(c.Table) || string.IsNullOrEmpty(c.Chain) || c.Rules is null))
        {
            return "a chain without a table, a name or rules";
        }

        // A rule filed under another chain would be folded into the wrong place.
        return CheckRules([.. chains.SelectMany(c => c.Rules)])
            ?? (chains.Any(c => c.Rules.Any(r => r.Table != c.Table || r.Chain != c.Chain || r.Ipv6 != c.Ipv6)) ? "a rule outside its chain" : null);
    }

    private static string? CheckRules(IReadOnlyList<Rule> rules) =>
        rules.Any(r => r is null || string.IsNullOrEmpty(r.Table) || string.IsNullOrEmpty(r.Chain) || r.Text is null || r.Owner is null)
            ? "a rule without a table, chain, text or owner"
            : null;
}
