using Portal.Contracts.Flows;

namespace Portal.Core.Flows;

/// <summary>
/// Adds conntrack events up per edge between two reports. A new connection counts one on its edge; a destroyed one
/// only moves the edge's last seen (count 0: the connection may be older than the watcher). Connections between two
/// host addresses (the host talking to itself) are not flows of the map and are skipped. The number of distinct edges
/// waiting is bounded: beyond it new edges are dropped and counted (<see cref="Dropped"/>), existing ones still add up.
/// Not thread-safe: the caller locks.
/// </summary>
public sealed class FlowAggregator(int maxEdges = 20_000)
{
    private readonly Dictionary<(string From, string To, int Port, string Proto, string? Network), Pending> _pending = [];

    /// <summary>Events whose edge was dropped because too many edges were waiting.</summary>
    public long Dropped { get; private set; }

    public int Count => _pending.Count;

    public void Add(ConntrackEvent e, FlowEnds ends, DateTimeOffset at)
    {
        var from = ends.Of(e.Sender);
        var to = ends.Of(e.Receiver);
        if (from.Name == FlowEnd.Host && to.Name == FlowEnd.Host && !from.IsContainer && !to.IsContainer)
        {
            return;
        }

        // The network crossed: both ends are containers on the same one (else the connection left it through the host).
        var network = from.IsContainer && to.IsContainer && from.Network == to.Network ? from.Network : null;
        Add((from.Name, to.Name, e.ReceiverPort, e.Proto, network), e.New ? 1 : 0, at, at);
    }

    /// <summary>Puts back edges of a report that could not be delivered, so the next report carries them.</summary>
    public void Return(IEnumerable<FlowEdge> edges)
    {
        foreach (var edge in edges)
        {
            Add((edge.From, edge.To, edge.Port, edge.Proto, edge.Network), edge.Count, edge.FirstSeen, edge.LastSeen);
        }
    }

    /// <summary>Takes up to <paramref name="max"/> waiting edges (the rest wait for the next report).</summary>
    public List<FlowEdge> Take(int max)
    {
        var taken = new List<FlowEdge>(Math.Min(max, _pending.Count));
        foreach (var (key, pending) in _pending)
        {
            if (taken.Count == max)
            {
                break;
            }

            taken.Add(new FlowEdge(key.From, key.To, key.Port, key.Proto, key.Network, pending.Count, pending.First, pending.Last));
        }

        foreach (var edge in taken)
        {
            _pending.Remove((edge.From, edge.To, edge.Port, edge.Proto, edge.Network));
        }

        return taken;
    }

    private void Add((string, string, int, string, string?) key, long count, DateTimeOffset first, DateTimeOffset last)
    {
        if (_pending.TryGetValue(key, out var pending))
        {
            pending.Count += count;
            pending.First = first < pending.First ? first : pending.First;
            pending.Last = last > pending.Last ? last : pending.Last;
        }
        else if (_pending.Count < maxEdges)
        {
            _pending[key] = new Pending { Count = count, First = first, Last = last };
        }
        else
        {
            Dropped++;
        }
    }

    private sealed class Pending
    {
        public long Count { get; set; }

        public DateTimeOffset First { get; set; }

        public DateTimeOffset Last { get; set; }
    }
}
