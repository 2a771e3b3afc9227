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
    /// The most all containers of a snapshot may weigh as JSON. The server's agent hub takes messages up to 16 MiB;
    /// containers get 4 MiB of it (beyond, the heaviest containers' env and hosts are cut, marked), which leaves about
    /// 12 MiB for the rules and bridges: 50,000 rules weigh about 10.8 MB as JSON. Only containers are measured, so
    /// the budget costs a serialisation of the containers, never of the rules.
    /// </summary>
    public const int SnapshotContainersBytes = 4 * 1024 * 1024;
}
