namespace Portal.Core.Intents;

/// <summary>Where an intent stands: pending (not yet applied), applied (observed as wanted), drifted (observed otherwise), failed.</summary>
public static class IntentStatus
{
    public const string Pending = "pending";
    public const string Applied = "applied";
    public const string Drifted = "drifted";
    public const string Failed = "failed";
}
