using Portal.Contracts.Model;

namespace Portal.Host.Agent;

/// <summary>
/// The latest snapshot the <see cref="ObservationWorker"/> assembled, for parts that only read it (the flow watcher names
/// addresses with it). The worker alone writes it; readers see a whole snapshot, never a half-built one.
/// </summary>
public sealed class ObservedSnapshot
{
    private volatile HostSnapshot? _current;

    public HostSnapshot? Current
    {
        get => _current;
        set => _current = value;
    }
}
