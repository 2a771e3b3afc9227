namespace Portal.Core.Secrets;

/// <summary>What a masked value reads as, everywhere: REST answers, hub messages, plans and the stored state.</summary>
public static class SecretMask
{
    public const string Value = "********";
}
