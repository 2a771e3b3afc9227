namespace Portal.Contracts.Intents;

/// <summary>The kinds of operator intent the portal keeps and reconciles.</summary>
public static class IntentKind
{
    public const string Link = "link";
    public const string Port = "port";
    public const string Network = "network";
    public const string Connection = "connection";
    public const string Icc = "icc";
    public const string Address = "address";
    public const string Policy = "policy";
}
