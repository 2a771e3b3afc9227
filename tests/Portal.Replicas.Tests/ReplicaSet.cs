using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Lab.Stack;

namespace Portal.Replicas.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Two published servers (replicas A and B) on one PostgreSQL database and one Redis (scripts/postgres.sh,
/// scripts/redis.sh), with a
/// <see cref="TcpBalancer"/> on the lab's address in front of them for the agents. Browsers and scripts talk to a
/// replica directly, by its own address, to choose which one serves them.
/// </summary>
public sealed class ReplicaSet : IAsyncDisposable
{
    public const string AdminUser = "admin";

    private readonly Dictionary<string, RunningProcess> _agents = [];
    private readonly Dictionary<string, string> _tokens = [];
    private StackLock? _lock;
    private bool _databaseCreated;

    private ReplicaSet(string folder)
    {
        Folder = folder;
        BootstrapPassword = "Boot-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        AdminPassword = "Adm1n-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    }

    public string Folder { get; }

    public string BootstrapPassword { get; }

    public string AdminPassword { get; }

    public Replica A { get; private set; } = null!;

    public Replica B { get; private set; } = null!;

    public TcpBalancer Balancer { get; private set; } = null!;

    public string Redis { get; private set; } = string.Empty;

    /// <summary>The PostgreSQL database both replicas share, as environment variables of the server.</summary>
    public IReadOnlyDictionary<string, string> Database { get; private set; } = new Dictionary<string, string>();

    public static async Task<ReplicaSet> StartAsync(CancellationToken cancellationToken)
    {
        await Lab.EnsureUpAsync(cancellationToken);
        var held = await StackLock.AcquireAsync(TimeSpan.FromMinutes(15), cancellationToken);
        var set = new ReplicaSet(Directory.CreateTempSubdirectory("portal-replicas-").FullName) { _lock = held };
        try
        {
            set.Redis = (await ScriptAsync("redis.sh", ["up"], cancellationToken)).Trim();
            set.Database = await SharedDatabase.CreateAsync(set.Folder, cancellationToken);
            set._databaseCreated = true;
            set.A = await set.StartReplicaAsync("A", cancellationToken);
            set.B = await set.StartReplicaAsync("B", cancellationToken);
            set.Balancer = new TcpBalancer(IPAddress.Parse(Lab.PortalAddress), [set.A.EndPoint, set.B.EndPoint]);
            using (var first = await PortalSession.SignInAsync(set.A.Url, AdminUser, set.BootstrapPassword, cancellationToken))
            {
                await first.ChangePasswordAsync(set.BootstrapPassword, set.AdminPassword, cancellationToken);
            }

            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    /// <summary>The admin signed in on <paramref name="replica"/>.</summary>
    public Task<PortalSession> AdminOnAsync(Replica replica, CancellationToken cancellationToken) =>
        PortalSession.SignInAsync(replica.Url, AdminUser, AdminPassword, cancellationToken);

    public async Task<string> RegisterAsync(PortalSession admin, LabHost host, CancellationToken cancellationToken)
    {
        using var response = await admin.Http.PostAsJsonAsync("/api/hosts", new { name = host.Name }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"registering {host.Name}: {(int)response.StatusCode} {body}");
        return _tokens[host.Name] = JsonNode.Parse(body)!["token"]!.GetValue<string>();
    }

    /// <summary>Starts the host's agent in its namespace, pointed at the balancer.</summary>
    public RunningProcess StartAgent(LabHost host)
    {
        var agent = RunningProcess.Start(
            $"agent {host.Name}",
            "nsenter",
            [$"--net={host.Namespace}", .. PortalBinaries.Agent, "run", "--server", Balancer.Url.ToString().TrimEnd('/'),
             "--docker", host.DockerEndpoint, "--allow-insecure-http"],
            new Dictionary<string, string>
            {
                ["PORTAL_AGENT_TOKEN"] = _tokens[host.Name],
                ["PORTAL_AGENT_STATE"] = Path.Combine(Folder, "agent-" + host.Name),
            });
        _agents[host.Name] = agent;
        return agent;
    }

    private async Task<Replica> StartReplicaAsync(string name, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var dll = PortalBinaries.Server;
        var environment = new Dictionary<string, string>(Database)
        {
            // With PostgreSQL this places only the replica's local files (none in use: the key ring is in Redis).
            ["Portal__Database"] = Path.Combine(Folder, $"replica-{name}.db"),
            ["Portal__Redis"] = Redis,
            ["Portal__Bootstrap__AdminUser"] = AdminUser,
            ["Portal__Bootstrap__AdminPassword"] = BootstrapPassword,
            ["Portal__AllowInsecureHttp"] = "true",
            ["Portal__Auth__LoginPermitsPerMinute"] = "1000",
            ["ASPNETCORE_ENVIRONMENT"] = PortalBinaries.IsBuildOutput(dll) ? "Development" : "Production",
            ["Logging__LogLevel__Default"] = "Information",
        };
        var process = RunningProcess.Start($"server {name}", "dotnet", [dll, "--urls", url.ToString().TrimEnd('/')], environment, Path.GetDirectoryName(dll));
        var replica = new Replica(name, url, process);
        using var http = new HttpClient { BaseAddress = url };
        await PortalSession.EventuallyAsync(
            async ct =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"replica {name} exited:\n" + process.Output);
                }

                try
                {
                    using var response = await http.GetAsync("/healthz", ct);
                    return response.IsSuccessStatusCode ? "up" : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            },
            TimeSpan.FromSeconds(60),
            $"replica {name} start",
            cancellationToken);
        return replica;
    }

    /// <summary>Runs one of the repository's scripts and answers what it printed.</summary>
    public static async Task<string> ScriptAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.Combine(Lab.RepositoryRoot, "scripts", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{script} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents.Values)
        {
            await agent.DisposeAsync();
        }

        if (A is not null)
        {
            await A.Process.DisposeAsync();
        }

        if (B is not null)
        {
            await B.Process.DisposeAsync();
        }

        if (Balancer is not null)
        {
            await Balancer.DisposeAsync();
        }

        if (_databaseCreated)
        {
            await SharedDatabase.DropAsync(Folder);
        }
        _lock?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One server process of the set, on loopback.</summary>
public sealed record Replica(string Name, Uri Url, RunningProcess Process)
{
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Url.Port);

    /// <summary>True once this replica's log says the host's agent connected to it.</summary>
    public bool HoldsAgentOf(string host) => Process.Output.Contains($"Agent of host {host} connected", StringComparison.Ordinal);
}
