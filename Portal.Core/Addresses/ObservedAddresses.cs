using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;

namespace Portal.Core.Addresses;

/// <summary>
/// The public addresses a host holds now, read back from its observed PORTAL-SNAT rules (what the kernel does, not what
/// was asked): for the container page, the host page and the zones diagram, live with every delta.
/// </summary>
public static class ObservedAddresses
{
    /// <summary>One observed mapping: the public address, the host interface and the container behind it (null when no container holds that address).</summary>
    public sealed record Mapping(string Address, string Interface, string ContainerIpv4, string? Container);

    public static IReadOnlyList<Mapping> Of(HostSnapshot state)
    {
        var mappings = new List<Mapping>();
        foreach (var rule in state.Rules.Where(r => r.Table == "nat" && r.Chain == PortalAddressSet.SnatChain).OrderBy(r => r.Index))
        {
            var words = rule.Text.Split(' ');
            var source = Value(words, "-s")?.Split('/')[0];
            var name = Value(words, "-o");
            var address = Value(words, "--to-source");
            if (source is null || name is null || address is null)
            {
                continue;
            }

            var container = state.Containers.FirstOrDefault(c => c.Endpoints.Any(e => e.Ipv4 == source))?.Name;
            mappings.Add(new Mapping(address, name, source, container));
        }

        return mappings;
    }

    public static Mapping? For(HostSnapshot state, string container) => Of(state).FirstOrDefault(m => m.Container == container);

    private static string? Value(string[] words, string option)
    {
        var at = Array.IndexOf(words, option);
        return at >= 0 && at + 1 < words.Length ? words[at + 1] : null;
    }
}
