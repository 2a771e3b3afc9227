using Portal.Core.Audit;
using Portal.Host.Docker;

namespace Portal.Host.Audit;

/// <summary>
/// The engine's events of the last two minutes, as attribution reads them: time, type, action, container name and
/// network name. Network events name their container by id only; the names learned from container events (and from
/// <see cref="Learn"/>, the last engine read) turn it into a name. Thread-safe: the event stream adds, the worker reads.
/// </summary>
public sealed class EngineEventLog(TimeProvider? clock = null)
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(2);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly object _gate = new();
    private readonly LinkedList<EngineEvent> _events = new();
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public void Add(DockerEvent dockerEvent)
    {
        lock (_gate)
        {
            string? container = null;
            string? network = null;
            if (dockerEvent.Type == "container")
            {
                container = dockerEvent.Name;
                if (dockerEvent.Action == "destroy")
                {
                    // Its rules went at stop; keep the map from growing with every container the host ever ran.
                    _names.Remove(dockerEvent.ActorId);
                }
                else if (dockerEvent.Name is not null && dockerEvent.ActorId.Length > 0)
                {
                    _names[dockerEvent.ActorId] = dockerEvent.Name;
                }
            }
            else if (dockerEvent.Type == "network")
            {
                network = dockerEvent.Name;
                container = dockerEvent.ContainerId is { } id ? NameOf(id) : null;
            }

            _events.AddLast(new EngineEvent(dockerEvent.At, dockerEvent.Type, dockerEvent.Action, container, network));
            Trim();
        }
    }

    /// <summary>Container names by id from an engine read, for events that name a container by id only.</summary>
    public void Learn(IEnumerable<(string Id, string Name)> containers)
    {
        lock (_gate)
        {
            foreach (var (id, name) in containers)
            {
                _names[id] = name;
            }
        }
    }

    /// <summary>The remembered events, oldest first.</summary>
    public IReadOnlyList<EngineEvent> Recent()
    {
        lock (_gate)
        {
            Trim();
            return _events.ToList();
        }
    }

    private string? NameOf(string id) =>
        _names.TryGetValue(id, out var name) ? name : _names.FirstOrDefault(n => n.Key.StartsWith(id, StringComparison.Ordinal) || id.StartsWith(n.Key, StringComparison.Ordinal)).Value;

    private void Trim()
    {
        var oldest = _clock.GetUtcNow() - Memory;
        while (_events.First is { } first && first.Value.At < oldest)
        {
            _events.RemoveFirst();
        }
    }
}
