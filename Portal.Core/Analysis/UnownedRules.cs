using Portal.Contracts.Model;

namespace Portal.Core.Analysis;

/// <summary>
/// Rules no one the portal knows wrote. In Docker's own chains that is worth a warning (someone edits what Docker
/// rewrites at its next restart, or a Docker version whose shapes the portal does not know); elsewhere it is someone's
/// firewall, worth knowing.
/// </summary>
internal static class UnownedRules
{
    public static IEnumerable<Finding> Find(IReadOnlyList<OwnedRule> rules, string family)
    {
        foreach (var rule in rules)
        {
            if (rule.Owner.Kind != RuleOwnerKind.Unknown)
            {
                continue;
            }

            var inDocker = rule.Parsed.Chain.StartsWith("DOCKER", StringComparison.Ordinal);
            yield return new Finding(
                FindingKind.UnownedRule,
                inDocker ? FindingSeverity.Warning : FindingSeverity.Info,
                inDocker
                    ? $"{family}{rule.Where}: a rule in Docker's chain that no shape of Docker, the portal or DOCKER-USER explains"
                    : $"{family}{rule.Where}: not Docker's nor the portal's (another tool or a person wrote it)",
                rule.Parsed.Text);
        }
    }
}
