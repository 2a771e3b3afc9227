using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Ownership;

namespace Portal.Core.Analysis;

/// <summary>
/// Offline analysis of a capture (<c>Portal.Host analyze</c>, the "Analyze a capture" page): the files are read into the
/// model the agent builds on a live host (bridges, containers, the parsed ruleset), every rule is owned by the same
/// <see cref="RuleOwnership"/> the agent uses, and the findings say what deserves a look. A file it cannot read throws
/// <see cref="CaptureException"/> naming the file and the line or field; nothing is half-analysed.
/// </summary>
public static class CaptureAnalyzer
{
    private const string Ipv6Prefix = "ipv6: ";

    public static CaptureAnalysis Analyze(Capture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var (ruleset, header) = IptablesCapture.Read(capture.Rules);
        var (ruleset6, _) = capture.Rules6 is { } file6 ? IptablesCapture.Read(file6, allowEmpty: true) : (Ruleset.Empty, new IptablesSaveHeader(null, false));
        var containers = ContainerCapture.Read(capture.Containers);
        var bridges = NetworkCapture.Read(capture.Networks);

        var resolver = new RuleOwnerResolver(bridges, containers);
        var rules = resolver.Resolve(ruleset);
        // Owned as the agent owns them: under their ip6: table names, so 20.10's mirrored IPv6 rules match the IPv4 shapes.
        var rules6 = capture.Rules6 is { } text6
            ? resolver.Resolve(RulesetParser.Parse(RuleFamily.MarkIpv6(text6.Text.Replace("\r\n", "\n", StringComparison.Ordinal))))
            : [];
        var owned = OwnedRule.Zip(ruleset, rules);
        var owned6 = OwnedRule.Zip(ruleset6, rules6);

        List<Finding> findings =
        [
            .. DockerOrigin.Find(ruleset, header, owned, bridges),
            .. InputBypass.Find(ruleset, owned, string.Empty),
            .. InputBypass.Find(ruleset6, owned6, Ipv6Prefix),
            .. StaleRules.Find(owned, containers, string.Empty),
            .. StaleRules.Find(owned6, containers, Ipv6Prefix),
            .. UnownedRules.Find(owned, string.Empty),
            .. UnownedRules.Find(owned6, Ipv6Prefix),
        ];
        return new CaptureAnalysis(bridges, containers, ruleset, ruleset6, rules, rules6, findings);
    }
}
