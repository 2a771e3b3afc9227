using Portal.Contracts.Model;
using Portal.Core.Iptables;

namespace Portal.Core.Analysis;

/// <summary>
/// Which Docker version and iptables backend a capture looks like: the versions of the catalogue's shapes Docker's
/// rules match (a shape knows the versions seen writing it), the chains only some versions make (Docker 28's
/// DOCKER-FORWARD and friends), and iptables-save's own header for the backend. A capture without Docker's chains at
/// all, on a host with bridges, says where the rules must be instead.
/// </summary>
internal static class DockerOrigin
{
    private static readonly string[] Chains28 = ["DOCKER-FORWARD", "DOCKER-CT", "DOCKER-BRIDGE", "DOCKER-INTERNAL"];

    public static IEnumerable<Finding> Find(Ruleset ruleset, IptablesSaveHeader header, IReadOnlyList<OwnedRule> rules, IReadOnlyList<Bridge> bridges)
    {
        var backend = header.Backend is { } b ? $"iptables backend {b}" : "iptables backend not named in the capture";
        var dockerChains = ruleset.Tables.SelectMany(t => t.Chains).Where(c => c.Name.StartsWith("DOCKER", StringComparison.Ordinal)).ToList();
        if (dockerChains.Count == 0)
        {
            if (bridges.Count > 0)
            {
                yield return new Finding(
                    FindingKind.DockerVersion,
                    FindingSeverity.Warning,
                    $"No Docker chain in this iptables-save ({backend}) although the host has bridge networks: Docker's rules are elsewhere: " +
                    "Docker 29's nftables firewall backend (nft list ruleset), the other iptables store (iptables-legacy-save or iptables-nft-save), or a daemon run with --iptables=false");
            }

            yield break;
        }

        var docker = rules.Where(r => r.Shape is { Shape.Versions.Count: > 0 } && r.Owner.Kind != RuleOwnerKind.Portal).ToList();
        IEnumerable<string>? common = null;
        foreach (var rule in docker)
        {
            common = common is null ? rule.Shape!.Shape.Versions : common.Intersect(rule.Shape!.Shape.Versions, StringComparer.Ordinal);
        }

        var versions = common?.ToList() ?? [];
        var has28Chains = dockerChains.Any(c => Chains28.Contains(c.Name, StringComparer.Ordinal));
        var looksLike = versions.Count > 0
            ? $"Docker {string.Join(" or ", versions)} (the shapes of {docker.Count} of its rules)"
            : has28Chains ? "Docker 28 or later (DOCKER-FORWARD and its chains)"
            : docker.Count > 0 ? $"a mix of Docker versions' shapes ({string.Join(", ", docker.SelectMany(r => r.Shape!.Shape.Versions).Distinct(StringComparer.Ordinal))})"
            : "an unknown Docker version (none of its rules matches a known shape)";
        if (versions.Count > 0 && has28Chains && !versions.Any(v => v.StartsWith("2", StringComparison.Ordinal) && v != "20.10"))
        {
            looksLike += "; its DOCKER-FORWARD chains say 28 or later";
        }

        var legacy = header.LegacyTablesPresent ? "; iptables-legacy tables are present too (iptables-legacy-save shows them)" : string.Empty;
        yield return new Finding(
            FindingKind.DockerVersion,
            header.LegacyTablesPresent ? FindingSeverity.Warning : FindingSeverity.Info,
            $"The rules look like {looksLike}; {backend}{legacy}");
    }
}
