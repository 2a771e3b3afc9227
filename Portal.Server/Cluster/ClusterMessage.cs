using Portal.Contracts.Model;
using Portal.Server.State;

namespace Portal.Server.Cluster;

/// <summary>
/// What one replica tells the others over Redis: the live state of the hosts whose agents it holds, where those agents
/// are connected, the commands it sent them and the registry changes it made. One shape for every kind; only the
/// fields a kind needs are set.
/// </summary>
public sealed record ClusterMessage(string Kind, string Origin, string? Host = null)
{
    /// <summary>The host's whole state (<see cref="ClusterMessageKinds.State"/>): masked, as the owner holds it.</summary>
    public HostState? State { get; init; }

    /// <summary>A masked delta the owner applied (<see cref="ClusterMessageKinds.Delta"/>).</summary>
    public HostDelta? Delta { get; init; }

    /// <summary>The agent's hub connection id, for commands sent through the backplane.</summary>
    public string? Connection { get; init; }

    public bool? Online { get; init; }

    /// <summary>The vault's sealed values of the host (still encrypted under the shared key ring).</summary>
    public string? Secrets { get; init; }

    public string? Reason { get; init; }

    public Guid? Command { get; init; }

    public long? Intent { get; init; }

    public string? User { get; init; }

    public DateTimeOffset? At { get; init; }

    public long? Sequence { get; init; }
}

/// <summary>The kinds of <see cref="ClusterMessage"/>.</summary>
public static class ClusterMessageKinds
{
    /// <summary>The owner's whole state of a host (after a snapshot, or answering <see cref="Resync"/>).</summary>
    public const string State = "state";

    public const string Delta = "delta";

    /// <summary>An agent connected to the origin: any other replica still holding a connection of that host drops it.</summary>
    public const string Attached = "attached";

    public const string Online = "online";

    public const string Refused = "refused";

    public const string HostAdded = "host-added";

    public const string HostRemoved = "host-removed";

    /// <summary>The host's token changed or was revoked: whoever holds its agent drops it.</summary>
    public const string DropAgent = "drop-agent";

    public const string CommandSent = "command-sent";

    public const string CommandAnswered = "command-answered";

    /// <summary>A change or repair ended at this sequence: the reconciler waits for the state to move past it.</summary>
    public const string Settle = "settle";

    /// <summary>"Send me the state of this host (or of every host you hold, "*")".</summary>
    public const string Resync = "resync";

    /// <summary>The origin is alive; a replica silent for <see cref="ClusterBus.Silence"/> has lost its agents.</summary>
    public const string Beat = "beat";
}
