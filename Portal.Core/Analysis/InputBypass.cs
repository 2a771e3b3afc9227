using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.RuleShapes;
using P = Portal.Core.RuleShapes.Placeholder;

namespace Portal.Core.Analysis;

/// <summary>
/// The "Docker bypasses ufw" trap: a port published to the outside is DNATed in nat PREROUTING and then crosses filter
/// FORWARD, never INPUT; so an INPUT policy or rule that looks like it blocks the port does not. One finding per
/// published port that INPUT looks like it blocks (<see cref="InputFilter"/>); ports bound to loopback are not reachable
/// from outside and are left out.
/// </summary>
internal static class InputBypass
{
    public static IEnumerable<Finding> Find(Ruleset ruleset, IReadOnlyList<OwnedRule> rules, string family)
    {
        var seen = new HashSet<(string?, string, string, string?)>();
        foreach (var rule in rules)
        {
            if (rule.Shape is not { Shape.Resolver: OwnerResolver.PublishedPortDnat } dnat || rule.Owner.Kind != RuleOwnerKind.Port)
            {
                continue;
            }

            var bound = dnat.Bindings;
            var protocol = bound[P.Proto];
            var hostIp = bound.GetValueOrDefault(P.HostIp);
            if (IsLoopback(hostIp) || !int.TryParse(bound[P.HostPort], out var hostPort)
                || !seen.Add((rule.Owner.Container, bound[P.HostPort], protocol, hostIp)))
            {
                continue;
            }

            if (InputFilter.Blocker(ruleset, protocol, hostPort) is not { } blocker)
            {
                continue;
            }

            var container = rule.Owner.Container ?? "a container no one has";
            var reason = blocker.StartsWith("policy ", StringComparison.Ordinal) ? $"INPUT's {blocker}" : $"INPUT's rule '{blocker}'";
            yield return new Finding(
                FindingKind.InputBypass,
                FindingSeverity.Warning,
                $"{family}port {hostPort}/{protocol} of {container} is published on {hostIp ?? "every address"}: Docker's DNAT sends it to " +
                $"{bound[P.ContainerIp]}:{bound[P.Port]} through filter FORWARD, so {reason} never sees it (the \"Docker bypasses ufw\" trap); " +
                "filter it in DOCKER-USER, or publish on 127.0.0.1",
                rule.Parsed.Text,
                rule.Owner.Container);
        }
    }

    private static bool IsLoopback(string? hostIp) =>
        hostIp is not null && (hostIp.StartsWith("127.", StringComparison.Ordinal) || hostIp == "::1");
}
