using System.Text.RegularExpressions;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>
/// The only rule shape the agent deletes on request: one half of Docker's legacy link pair in filter DOCKER,
/// <c>-A DOCKER -s A/32 -d B/32 -i BR -o BR -p P -m P --dport|--sport N -j ACCEPT</c> (notes §1, §2).
/// </summary>
public static partial class StaleLinkRule
{
    public static bool IsLinkPairRule(string? rule)
    {
        if (rule is null || Shape().Match(rule) is not { Success: true } match)
        {
            return false;
        }

        return Ipv4Cidr.TryParseAddress(match.Groups["s"].Value, out _)
            && Ipv4Cidr.TryParseAddress(match.Groups["d"].Value, out _)
            && PortalRuleSet.IsInterfaceName(match.Groups["i"].Value)
            && Ports.IsProtocol(match.Groups["p"].Value)
            && int.TryParse(match.Groups["n"].Value, out var port) && Ports.IsPort(port);
    }

    /// <summary>The rule without its <c>-A DOCKER</c>, as <c>-D DOCKER</c> wants it.</summary>
    public static string Body(string rule) => rule["-A DOCKER ".Length..];

    [GeneratedRegex(@"^-A DOCKER -s (?<s>[0-9.]+)/32 -d (?<d>[0-9.]+)/32 -i (?<i>[A-Za-z0-9_.-]+) -o \k<i> -p (?<p>tcp|udp|sctp) -m \k<p> --(dport|sport) (?<n>[0-9]{1,5}) -j ACCEPT$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
