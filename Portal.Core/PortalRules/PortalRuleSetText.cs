using System.Text;
using Portal.Contracts.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.PortalRules;

/// <summary>
/// How the portal's chain is printed and checked: the rules as iptables-save prints them, the restore input that
/// replaces the chain in one transaction, and the agent's own validation of a received set.
/// </summary>
public static class PortalRuleSetText
{
    extension(PortalRuleSet set)
    {
        /// <summary>True when both sets print the same rules in the same order (records compare lists by reference).</summary>
        public bool SameRulesAs(PortalRuleSet other) => set.RuleTexts().SequenceEqual(other.RuleTexts(), StringComparer.Ordinal);

        /// <summary>The chain's rules exactly as iptables-save will print them, in order.</summary>
        public IReadOnlyList<string> RuleTexts()
        {
            var policies = set.Policies ?? [];
            var texts = new List<string>(set.Links.Count * 2 + set.Bridges.Count + 1);
            if (policies.Count > 0)
            {
                texts.Add($"-A {PortalRuleSet.Chain} -j {PortalRuleSet.PolicyChain}");
            }

            foreach (var pair in set.Links)
            {
                var match = $"-p {pair.Protocol} -m {pair.Protocol}";
                texts.Add($"-A {PortalRuleSet.Chain} -s {pair.SourceIpv4}/32 -d {pair.TargetIpv4}/32 -i {pair.Bridge} -o {pair.Bridge} {match} --dport {pair.Port} -j ACCEPT");
                texts.Add($"-A {PortalRuleSet.Chain} -s {pair.TargetIpv4}/32 -d {pair.SourceIpv4}/32 -i {pair.Bridge} -o {pair.Bridge} {match} --sport {pair.Port} -j ACCEPT");
            }

            foreach (var bridge in set.Bridges)
            {
                texts.Add($"-A {PortalRuleSet.Chain} -i {bridge.Bridge} -o {bridge.Bridge} -j {(bridge.Icc ? "ACCEPT" : "DROP")}");
            }

            texts.Add($"-A {PortalRuleSet.Chain} -j RETURN");
            foreach (var policy in policies)
            {
                texts.AddRange(PolicyTexts(policy));
            }

            return texts;
        }

        /// <summary>
        /// Input for one <c>iptables-restore -w --noflush</c>: declaring the chains flushes them, so the new content replaces
        /// the old atomically; the jump from DOCKER-USER is inserted in the same transaction when missing. The policy chain
        /// is declared when the set has policies or <paramref name="policyChainPresent"/> (the host has one to empty).
        /// </summary>
        public string ToRestoreInput(bool insertJump, bool policyChainPresent = false)
        {
            var text = new StringBuilder();
            text.Append("*filter\n");
            text.Append(':').Append(PortalRuleSet.Chain).Append(" - [0:0]\n");
            if (policyChainPresent || (set.Policies?.Count ?? 0) > 0)
            {
                // Declared (so flushed) whenever the host has it: a policy removed leaves nothing behind in it.
                text.Append(':').Append(PortalRuleSet.PolicyChain).Append(" - [0:0]\n");
            }
            foreach (var rule in set.RuleTexts())
            {
                text.Append(rule).Append('\n');
            }

            if (insertJump)
            {
                text.Append("-I DOCKER-USER 1 -j ").Append(PortalRuleSet.Chain).Append('\n');
            }

            text.Append("COMMIT\n");
            return text.ToString();
        }

        /// <summary>Checks every field; the agent runs this on what it receives before it writes anything.</summary>
        public ValidationErrors Validate()
        {
            var errors = new ValidationErrors();
            foreach (var bridge in set.Bridges)
            {
                if (!PortalRuleSet.IsInterfaceName(bridge.Bridge))
                {
                    errors.Add("bridges", $"'{bridge.Bridge}' is not an interface name");
                }
            }

            foreach (var pair in set.Links)
            {
                if (!PortalRuleSet.IsInterfaceName(pair.Bridge))
                {
                    errors.Add("links", $"'{pair.Bridge}' is not an interface name");
                }

                if (!Ipv4Cidr.TryParseAddress(pair.SourceIpv4, out _) || !Ipv4Cidr.TryParseAddress(pair.TargetIpv4, out _))
                {
                    errors.Add("links", $"'{pair.SourceIpv4}' -> '{pair.TargetIpv4}' is not a pair of IPv4 addresses");
                }

                if (!Ports.IsPort(pair.Port) || !Ports.IsProtocol(pair.Protocol))
                {
                    errors.Add("links", $"'{pair.Port}/{pair.Protocol}' is not a port");
                }
            }

            foreach (var policy in set.Policies ?? [])
            {
                if (!PortalRuleSet.IsInterfaceName(policy.Bridge))
                {
                    errors.Add("policies", $"'{policy.Bridge}' is not an interface name");
                }

                foreach (var pair in policy.Allow ?? [])
                {
                    if (!Ipv4Cidr.TryParseAddress(pair.SourceIpv4, out _) || !Ipv4Cidr.TryParseAddress(pair.TargetIpv4, out _))
                    {
                        errors.Add("policies", $"'{pair.SourceIpv4}' -> '{pair.TargetIpv4}' is not a pair of IPv4 addresses");
                    }

                    if (!Ports.IsPort(pair.Port) || !Ports.IsProtocol(pair.Protocol))
                    {
                        errors.Add("policies", $"'{pair.Port}/{pair.Protocol}' is not a port");
                    }
                }
            }

            return errors;
        }
    }

    /// <summary>
    /// One policy's rules in the policy chain, for traffic between containers of its bridge: replies of connections
    /// already let through, then one rule per allowed pair, then the verdict for the rest. Enforce accepts the first two
    /// and drops the rest (the policy is the bridge's authority: ICC and link pairs are not reached for that traffic);
    /// monitor returns all three to the portal chain, so nothing changes, and the last rule's counter is what enforce
    /// would drop.
    /// </summary>
    private static IEnumerable<string> PolicyTexts(PortalNetworkPolicy policy)
    {
        var prefix = $"-A {PortalRuleSet.PolicyChain}";
        var bridge = $"-i {policy.Bridge} -o {policy.Bridge}";
        var pass = policy.Enforce ? "ACCEPT" : "RETURN";
        yield return $"{prefix} {bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j {pass}";
        foreach (var pair in policy.Allow ?? [])
        {
            yield return $"{prefix} -s {pair.SourceIpv4}/32 -d {pair.TargetIpv4}/32 {bridge} -p {pair.Protocol} -m {pair.Protocol} --dport {pair.Port} -j {pass}";
        }

        yield return VerdictRule(policy.Bridge, policy.Enforce);
    }

    /// <summary>
    /// A policy's last rule on its bridge: DROP when enforced, RETURN when monitored. Its packet counter is what the
    /// policy dropped, or would have dropped.
    /// </summary>
    public static string VerdictRule(string bridge, bool enforce) =>
        $"-A {PortalRuleSet.PolicyChain} -i {bridge} -o {bridge} -j {(enforce ? "DROP" : "RETURN")}";

    /// <summary>The rule a monitored policy counts would-be drops with (its bridge's last rule in the policy chain).</summary>
    public static string MonitorRule(string bridge) => VerdictRule(bridge, enforce: false);

    extension(PortalRuleSet)
    {
        /// <summary>Linux interface names: 1-15 bytes, no '/', whitespace or ':'; we also refuse anything iptables would read as an option.</summary>
        public static bool IsInterfaceName(string? name) =>
            !string.IsNullOrEmpty(name)
            && name.Length <= 15
            && name[0] != '-'
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }
}
