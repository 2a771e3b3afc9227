namespace Portal.Client.Live;

/// <summary>What <see cref="LiveFeed"/> needs of a subscription, whatever the page reads (host changes, intents, audit rows).</summary>
internal interface ILiveSubscriber
{
    string Group { get; }

    CancellationTokenRegistration Registration { get; set; }

    /// <summary>Hands a hub message over; true when the page's picture must be fetched again instead.</summary>
    bool Offer(object message);

    /// <summary>Fetches the page's picture again and hands it over as one batch.</summary>
    Task ReloadAsync();

    void Complete();
}
