namespace Portal.Client.Live;

/// <summary>Where the live hub is and how far apart change batches are.</summary>
public sealed class LiveFeedOptions
{
    public required Uri HubUrl { get; init; }

    public TimeSpan BatchInterval { get; init; } = ChangeBatches.DefaultInterval;
}
