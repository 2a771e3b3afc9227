namespace Portal.Lab;

/// <summary>The shared two-host lab of lab/lab.sh (see docs/lab.md).</summary>
public static class Lab
{
    /// <summary>Flags the test run starts the daemons with when the lab is not up yet.</summary>
    public static readonly IReadOnlyList<string> DefaultDaemonFlags = ["--icc=false"];

    public static LabHost Docker1 { get; } = new("docker1", "10.20.30.100");

    public static LabHost Docker2 { get; } = new("docker2", "10.20.30.101");

    public static IReadOnlyList<LabHost> Hosts { get; } = [Docker1, Docker2];

    /// <summary>The host `lab.sh up --iptables=legacy` adds: dockerd writes with iptables-legacy, IPv6 on (fd00:3::/64).</summary>
    public static LabHost Docker3 { get; } = new("docker3", "10.20.30.102", "legacy", ipv6: true);

    /// <summary>Every lab host by name (docker1, docker2, docker3), for tests that run per host.</summary>
    public static LabHost Named(string name) =>
        name switch
        {
            "docker1" => Docker1,
            "docker2" => Docker2,
            "docker3" => Docker3,
            _ => throw new ArgumentException($"no lab host {name}", nameof(name)),
        };

    /// <summary>Where the portal listens for the lab's agents (the root namespace's end of the bridge).</summary>
    public const string PortalAddress = "10.20.30.1";

    private static readonly SemaphoreSlim Starting = new(1, 1);

    private static readonly Lazy<string> RepositoryRootFound = new(FindRepositoryRoot);

    /// <summary>The repository root: env PORTAL_REPO_ROOT, else the nearest folder holding Portal.sln above
    /// the test assembly or the current directory.</summary>
    public static string RepositoryRoot => RepositoryRootFound.Value;

    public static string Script => Path.Combine(RepositoryRoot, "lab", "lab.sh");

    /// <summary>A Docker-safe name unique to this call, e.g. <c>hst-web-3f9a1c2e</c>.</summary>
    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    /// <summary>
    /// A host port to publish on, never the same twice in a test run and never in Linux's ephemeral range (32768 to
    /// 60999): there an outgoing connection in the host's namespace (the agent's, a probe's) can hold the port, and
    /// Docker's proxy then fails to bind it. Each test process starts at its own random point of 20000 to 32000.
    /// </summary>
    public static int HostPort() => FirstHostPort + (int)((uint)Interlocked.Increment(ref _hostPorts) % (uint)(LastHostPort - FirstHostPort));

    private const int FirstHostPort = 20000;
    private const int LastHostPort = 32000;
    private static int _hostPorts = Random.Shared.Next(0, LastHostPort - FirstHostPort);

    public static async Task<bool> IsUpAsync(CancellationToken cancellationToken = default)
    {
        var status = await LabCommand.RunAsync(Script, ["status"], cancellationToken);
        return status.Succeeded;
    }

    /// <summary>Starts the lab when it is not up; a running lab is left as it is (others use it too).</summary>
    public static async Task EnsureUpAsync(CancellationToken cancellationToken = default)
    {
        await Starting.WaitAsync(cancellationToken);
        try
        {
            if (!await IsUpAsync(cancellationToken))
            {
                await LabCommand.CheckedAsync(Script, ["up", .. DefaultDaemonFlags], cancellationToken);
            }
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>
    /// Makes sure docker3 (legacy backend, IPv6) is up too: `lab.sh up --iptables=legacy` leaves docker1 and docker2 as
    /// they are when they answer and only adds docker3.
    /// </summary>
    public static async Task EnsureDocker3UpAsync(CancellationToken cancellationToken = default)
    {
        await Starting.WaitAsync(cancellationToken);
        try
        {
            var status = await LabCommand.RunAsync(Script, ["status"], cancellationToken);
            if (!status.Succeeded || !status.StandardOutput.Contains("docker3: up", StringComparison.Ordinal))
            {
                await LabCommand.CheckedAsync(Script, ["up", .. DefaultDaemonFlags, "--iptables=legacy"], cancellationToken);
            }
        }
        finally
        {
            Starting.Release();
        }
    }

    private static string FindRepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("PORTAL_REPO_ROOT") is { Length: > 0 } configured)
        {
            return configured;
        }

        string[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (var start in starts)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException($"no Portal.sln above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; set PORTAL_REPO_ROOT");
    }
}
