namespace Portal.Core.Nftables;

/// <summary>
/// One chain. A base chain has a <see cref="Hook"/> (forward, prerouting, ...) and a <see cref="Policy"/> (accept, drop);
/// a regular chain has neither and is only reached by jumps (Docker's per-bridge chains, through verdict maps).
/// </summary>
public sealed record NftChain(string Name, string? Hook, string? Policy, IReadOnlyList<NftRule> Rules);
