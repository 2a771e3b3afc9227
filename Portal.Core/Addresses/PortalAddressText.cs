using System.Text;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.Addresses;

/// <summary>
/// How a <see cref="PortalAddressSet"/> is printed and checked: each chain's rules as iptables-save prints them, the one
/// restore input that replaces all three chains and puts their jumps first, and the agent's own validation.
/// </summary>
public static class PortalAddressText
{
    /// <summary>A jump from one of the kernel's hooks (or DOCKER-USER) to a portal address chain.</summary>
    public sealed record Jump(string Table, string Hook, string Target)
    {
        public string Rule => $"-A {Hook} -j {Target}";
    }

    /// <summary>The four jumps, each the first rule of its hook: before Docker's DNAT, MASQUERADE and isolation.</summary>
    public static readonly IReadOnlyList<Jump> Jumps =
    [
        new("nat", "PREROUTING", PortalAddressSet.DnatChain),
        new("nat", "OUTPUT", PortalAddressSet.DnatChain),
        new("nat", "POSTROUTING", PortalAddressSet.SnatChain),
        new("filter", "DOCKER-USER", PortalAddressSet.FilterChain),
    ];

    extension(PortalAddressSet set)
    {
        /// <summary>Each chain with its rules in order, exactly as iptables-save prints them.</summary>
        public IReadOnlyList<(string Table, string Chain, IReadOnlyList<string> Rules)> ChainRules()
        {
            var dnat = new List<string>();
            var snat = new List<string>();
            var filter = new List<string>();
            foreach (var m in set.Mappings.Where(m => m.ContainerIpv4 is not null && m.Bridge is not null))
            {
                if (m.Ports.Count == 0)
                {
                    dnat.Add($"-A {PortalAddressSet.DnatChain} -d {m.Address}/32 -j DNAT --to-destination {m.ContainerIpv4}");
                }

                foreach (var text in m.Ports)
                {
                    if (Ports.TryParse(text, out var port, out var protocol))
                    {
                        dnat.Add($"-A {PortalAddressSet.DnatChain} -d {m.Address}/32 -p {protocol} -m {protocol} --dport {port} -j DNAT --to-destination {m.ContainerIpv4}:{port}");
                    }
                }

                snat.Add($"-A {PortalAddressSet.SnatChain} -s {m.ContainerIpv4}/32 -o {m.Interface} -j SNAT --to-source {m.Address}");
                filter.Add($"-A {PortalAddressSet.FilterChain} -d {m.ContainerIpv4}/32 -o {m.Bridge} -m conntrack --ctorigdst {m.Address} -j ACCEPT");
                filter.Add($"-A {PortalAddressSet.FilterChain} -s {m.ContainerIpv4}/32 -i {m.Bridge} -m conntrack --ctorigdst {m.Address} -j ACCEPT");
            }

            filter.Add($"-A {PortalAddressSet.FilterChain} -j RETURN");
            return
            [
                ("nat", PortalAddressSet.DnatChain, dnat),
                ("nat", PortalAddressSet.SnatChain, snat),
                ("filter", PortalAddressSet.FilterChain, filter),
            ];
        }

        /// <summary>
        /// Input for one <c>iptables-restore -w --noflush</c>: declaring a chain flushes it, so the new content replaces the
        /// old in the same transaction; each jump is deleted where it is and inserted first again. For an empty set the
        /// jumps and chains that exist are removed instead; null when there is nothing to write.
        /// </summary>
        /// <param name="jumpsPresent">How many times a hook (table, hook) holds its jump now.</param>
        /// <param name="chainExists">Whether a chain (table, chain) exists now.</param>
        public string? ToRestoreInput(Func<string, string, int> jumpsPresent, Func<string, string, bool> chainExists)
        {
            var remove = set.Mappings.Count == 0;
            var chains = set.ChainRules();
            if (remove && !chains.Any(c => chainExists(c.Table, c.Chain)) && !Jumps.Any(j => jumpsPresent(j.Table, j.Hook) > 0))
            {
                return null;
            }

            var text = new StringBuilder();
            foreach (var table in new[] { "nat", "filter" })
            {
                text.Append('*').Append(table).Append('\n');
                foreach (var (_, chain, rules) in chains.Where(c => c.Table == table))
                {
                    if (!remove || chainExists(table, chain))
                    {
                        text.Append(':').Append(chain).Append(" - [0:0]\n");
                    }

                    foreach (var rule in remove ? [] : rules)
                    {
                        text.Append(rule).Append('\n');
                    }
                }

                foreach (var jump in Jumps.Where(j => j.Table == table))
                {
                    for (var i = jumpsPresent(table, jump.Hook); i > 0; i--)
                    {
                        text.Append("-D ").Append(jump.Hook).Append(" -j ").Append(jump.Target).Append('\n');
                    }

                    if (!remove)
                    {
                        text.Append("-I ").Append(jump.Hook).Append(" 1 -j ").Append(jump.Target).Append('\n');
                    }
                }

                foreach (var (_, chain, _) in chains.Where(c => c.Table == table && remove && chainExists(c.Table, c.Chain)))
                {
                    text.Append("-X ").Append(chain).Append('\n');
                }

                text.Append("COMMIT\n");
            }

            return text.ToString();
        }

        /// <summary>Checks every field; the agent runs this on what it receives before it touches anything.</summary>
        public ValidationErrors Validate()
        {
            var errors = new ValidationErrors();
            if (set.Mappings is null)
            {
                errors.Add("mappings", "missing");
                return errors;
            }

            foreach (var m in set.Mappings)
            {
                if (!Ipv4Cidr.TryParseAddress(m.Address, out _))
                {
                    errors.Add("address", $"'{m.Address}' is not an IPv4 address");
                }

                if (!PortalRuleSet.IsInterfaceName(m.Interface))
                {
                    errors.Add("interface", $"'{m.Interface}' is not an interface name");
                }

                if ((m.ContainerIpv4 is null) != (m.Bridge is null)
                    || (m.ContainerIpv4 is not null && !Ipv4Cidr.TryParseAddress(m.ContainerIpv4, out _))
                    || (m.Bridge is not null && !PortalRuleSet.IsInterfaceName(m.Bridge)))
                {
                    errors.Add("containerIpv4", $"'{m.ContainerIpv4}' on '{m.Bridge}' is not a container address on a bridge");
                }

                if (m.Ports is null || m.Ports.Any(p => !Ports.TryParse(p, out _, out _)))
                {
                    errors.Add("ports", $"'{string.Join(",", m.Ports ?? [])}' are not ports such as 80/tcp");
                }
            }

            if (set.Mappings.GroupBy(m => m.Address).Any(g => g.Count() > 1))
            {
                errors.Add("address", "an address is mapped twice");
            }

            return errors;
        }
    }
}
