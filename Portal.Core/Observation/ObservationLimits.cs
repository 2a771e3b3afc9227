namespace Portal.Core.Observation;

/// <summary>
/// How much of a container's own files the agent reads and sends, so no container can blind its host's agent: a huge
/// /etc/hosts or environment is cut (and the cut marked on the container), never read or sent whole.
/// </summary>
public static class ObservationLimits
{
    /// <summary>Bytes read from the start of a container's /etc/hosts.</summary>
    public const int HostsFileBytes = 64 * 1024;

    /// <summary>Entries kept from a container's /etc/hosts.</summary>
    public const int HostsEntries = 500;

    /// <summary>Bytes read from /proc/PID/environ (the kernel's own limit is far larger with a big stack limit).</summary>
    public const int EnvironBytes = 1024 * 1024;

    /// <summary>Variables kept per container.</summary>
    public const int EnvVariables = 500;

    /// <summary>Characters kept of one value (a longer value is cut).</summary>
    public const int EnvValueChars = 8 * 1024;

    /// <summary>Characters of names and values kept per container, all variables together.</summary>
    public const int EnvTotalChars = 128 * 1024;

    /// <summary>
    /// The most a snapshot's JSON may weigh. The server's agent hub takes messages up to 16 MiB; the rest is room for
    /// the SignalR envelope and the serializer's own choices. Beyond it, containers' env and hosts are cut, largest first.
    /// </summary>
    public const int SnapshotBytes = 12 * 1024 * 1024;
}
