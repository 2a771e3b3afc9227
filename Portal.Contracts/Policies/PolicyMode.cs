namespace Portal.Contracts.Policies;

/// <summary>The modes of a network's allow-list policy, as written in JSON.</summary>
public static class PolicyMode
{
    /// <summary>No rules: the network's traffic is decided by ICC and links as before.</summary>
    public const string Off = "off";

    /// <summary>Nothing is dropped; what enforce would drop is counted by one rule in the portal's chain.</summary>
    public const string Monitor = "monitor";

    /// <summary>Traffic between containers of the network is dropped unless an allow entry matches (replies pass).</summary>
    public const string Enforce = "enforce";

    public static readonly IReadOnlyList<string> All = [Off, Monitor, Enforce];

    public static bool IsMode(string? value) => value is Off or Monitor or Enforce;
}
