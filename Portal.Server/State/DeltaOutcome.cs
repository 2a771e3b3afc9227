namespace Portal.Server.State;

/// <summary>The result of offering a delta to the store.</summary>
public enum DeltaOutcome
{
    /// <summary>Next in sequence: applied.</summary>
    Applied,

    /// <summary>Out of sequence (or no snapshot yet): not applied, the agent must send a snapshot.</summary>
    Gap,

    /// <summary>Out of sequence while a snapshot was already requested: not applied, nothing more to ask.</summary>
    GapAlreadyRequested,

    /// <summary>The host is not registered (deleted meanwhile).</summary>
    UnknownHost,
}
