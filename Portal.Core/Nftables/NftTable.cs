namespace Portal.Core.Nftables;

/// <summary>One nftables table: its family (ip, ip6, inet, ...), name and chains in listed order.</summary>
public sealed record NftTable(string Family, string Name, IReadOnlyList<NftChain> Chains);
