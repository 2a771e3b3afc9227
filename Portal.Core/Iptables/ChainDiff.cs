namespace Portal.Core.Iptables;

/// <summary>
/// A chain created or deleted, or its policy changed. <see cref="Change"/> is "created", "deleted" or "policy";
/// the policies are null on the side where the chain does not exist ("-" for user chains).
/// </summary>
public sealed record ChainDiff(string Table, string Chain, string Change, string? PolicyBefore, string? PolicyAfter)
{
    public const string Created = "created";
    public const string Deleted = "deleted";
    public const string PolicyChanged = "policy";
}
