namespace Portal.Core.Nftables;

/// <summary>
/// What <c>nft -j list ruleset</c> says, as the portal shows it: tables with their chains (base chains with hook and
/// policy) and each chain's rules in order, each rule rendered to nft's own syntax. Docker 29's firewall backend
/// "nftables" writes its rules here instead of iptables (tables <c>ip docker-bridges</c> and <c>ip6 docker-bridges</c>).
/// </summary>
public sealed record NftRuleset(IReadOnlyList<NftTable> Tables)
{
    public const string DockerTable = "docker-bridges";

    /// <summary>True when Docker's own table is present (the host's dockerd runs with --firewall-backend=nftables).</summary>
    public bool HoldsDocker => Tables.Any(t => t.Name == DockerTable && t.Family is "ip" or "ip6");
}
