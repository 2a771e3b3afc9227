namespace Portal.Core.Nftables;

/// <summary>One rule as nft lists it (<see cref="Text"/>, comment included), with its handle.</summary>
public sealed record NftRule(long Handle, string Text, string? Comment);
