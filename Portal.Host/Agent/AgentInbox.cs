using System.Threading.Channels;

namespace Portal.Host.Agent;

/// <summary>
/// The one bounded channel every watcher writes its observations into and the <see cref="ObservationWorker"/> alone
/// reads, a round at a time. Rule observations carry history that must not be lost, so a full inbox makes the rule
/// watcher wait (it then merges more into its next read). A refresh or a snapshot request only says "look again": from
/// callbacks that cannot wait (engine and link events, the hub) it is posted without waiting, and when the inbox is full
/// it is kept aside and joins the next round, so a slow worker makes rounds larger but never loses the latest state.
/// </summary>
public sealed class AgentInbox(int capacity = AgentInbox.DefaultCapacity)
{
    public const int DefaultCapacity = 256;

    private readonly Channel<AgentWork> _channel = Channel.CreateBounded<AgentWork>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly Lock _gate = new();
    private AgentWork.Refresh? _refreshAside;
    private AgentWork.SendSnapshot? _snapshotAside;

    public int Capacity => capacity;

    /// <summary>How many items wait in the channel now (never more than <see cref="Capacity"/>).</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Writes a rule observation, waiting while the inbox is full.</summary>
    public ValueTask WriteAsync(AgentWork.Rules work, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(work, cancellationToken);

    public void Post(AgentWork.Refresh work) => PostSignal(work);

    public void Post(AgentWork.SendSnapshot work) => PostSignal(work);

    /// <summary>
    /// Waits for work, lets a burst gather for <paramref name="coalesce"/> (a container start is a dozen events and
    /// rule transactions), then takes what is there, at most <see cref="Capacity"/> items, as one round.
    /// </summary>
    public async Task<AgentRound> ReadRoundAsync(TimeSpan coalesce, CancellationToken cancellationToken)
    {
        if (!await _channel.Reader.WaitToReadAsync(cancellationToken))
        {
            throw new ChannelClosedException("the agent's inbox was closed");
        }

        await Task.Delay(coalesce, cancellationToken);
        var items = new List<AgentWork>();
        while (items.Count < capacity && _channel.Reader.TryRead(out var item))
        {
            items.Add(item);
        }

        lock (_gate)
        {
            // Set aside while the channel was full: it was full then, so this round (or a later one) started after it.
            if (_refreshAside is not null)
            {
                items.Add(_refreshAside);
                _refreshAside = null;
            }

            if (_snapshotAside is not null)
            {
                items.Add(_snapshotAside);
                _snapshotAside = null;
            }
        }

        return AgentRound.Of(items);
    }

    private void PostSignal(AgentWork work)
    {
        if (_channel.Writer.TryWrite(work))
        {
            return;
        }

        lock (_gate)
        {
            if (work is AgentWork.Refresh refresh)
            {
                _refreshAside = refresh;
            }
            else
            {
                _snapshotAside = (AgentWork.SendSnapshot)work;
            }
        }

        // Either this lands (the signal is in the channel, twice at worst: it is idempotent) or the channel is full now,
        // so a round is bound to start after this point and take what was set aside.
        _channel.Writer.TryWrite(work);
    }
}
