using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Portal.Lab.Stack;

/// <summary>
/// A real portal attached to the lab: the server process listening on the lab's 10.20.30.1 with a SQLite file of its
/// own (or a PostgreSQL database of its own, <see cref="TestDatabase"/>), and one agent per lab host running inside
/// that host's network namespace, exactly as the demo runs them.
/// </summary>
public sealed class PortalStack : IAsyncDisposable
{
    public const string AdminUser = "admin";

    private readonly Dictionary<string, RunningProcess> _agents = [];
    private readonly Dictionary<string, string> _tokens = [];
    private RunningProcess? _server;
    private StackLock? _lock;

    private PortalStack(string folder, int port)
    {
        Folder = folder;
        Port = port;
        Url = new Uri($"http://{Lab.PortalAddress}:{port}");
        BootstrapPassword = "Boot-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        AdminPassword = "Adm1n-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    }

    public Uri Url { get; }

    public int Port { get; }

    public string Folder { get; }

    public string Database => Path.Combine(Folder, "portal.db");

    /// <summary>The configured bootstrap password: the server asks for a new one at the first sign-in.</summary>
    public string BootstrapPassword { get; }

    /// <summary>The admin's password after <see cref="StartAsync"/> made that first change.</summary>
    public string AdminPassword { get; }

    public PortalSession Admin { get; private set; } = null!;

    public RunningProcess Server => _server ?? throw new InvalidOperationException("the server is not running");

    /// <summary>Starts a server and an agent for each given lab host, and waits until every host is online.</summary>
    public static async Task<PortalStack> StartAsync(IEnumerable<LabHost> hosts, CancellationToken cancellationToken)
    {
        await Lab.EnsureUpAsync(cancellationToken);
        var held = await StackLock.AcquireAsync(TimeSpan.FromMinutes(15), cancellationToken);
        var folder = Directory.CreateTempSubdirectory("portal-stack-").FullName;
        var stack = new PortalStack(folder, FreePort()) { _lock = held };
        try
        {
            await stack.StartServerAsync(cancellationToken);
            stack.Admin = await PortalSession.SignInAsync(stack.Url, AdminUser, stack.BootstrapPassword, cancellationToken);
            await stack.Admin.ChangePasswordAsync(stack.BootstrapPassword, stack.AdminPassword, cancellationToken);
            foreach (var host in hosts)
            {
                await stack.AttachAsync(host, cancellationToken);
            }

            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers the host (if new), starts its agent and waits until the server reports it online.</summary>
    public async Task AttachAsync(LabHost host, CancellationToken cancellationToken)
    {
        await RegisterAsync(host, cancellationToken);
        StartAgent(host);
        await WaitOnlineAsync(host.Name, true, cancellationToken);
    }

    /// <summary>Registers the host (if new) and answers its token.</summary>
    public async Task<string> RegisterAsync(LabHost host, CancellationToken cancellationToken)
    {
        if (!_tokens.ContainsKey(host.Name))
        {
            using var response = await Admin.Http.PostAsJsonAsync("/api/hosts", new { name = host.Name }, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"registering {host.Name} failed: {(int)response.StatusCode} {body}");
            }

            _tokens[host.Name] = JsonNode.Parse(body)!["token"]!.GetValue<string>();
        }

        return _tokens[host.Name];
    }

    public string TokenOf(string host) => _tokens[host];

    public RunningProcess Agent(string host) => _agents[host];

    /// <summary>
    /// Starts (or restarts) the agent of a host inside its network namespace, with the design's command line: no host
    /// name (the server takes it from the token). <paramref name="extra"/> is appended (e.g. a <c>--host</c> to check).
    /// </summary>
    public RunningProcess StartAgent(LabHost host, params string[] extra)
    {
        if (_agents.Remove(host.Name, out var old) && !old.HasExited)
        {
            throw new InvalidOperationException($"the agent of {host.Name} is still running; kill it first");
        }

        var agent = RunningProcess.Start(
            $"agent {host.Name}",
            "nsenter",
            [$"--net={host.Namespace}", .. PortalBinaries.Agent, "run", "--server", Url.ToString().TrimEnd('/'),
             "--docker", host.DockerEndpoint, "--allow-insecure-http", .. extra],
            new Dictionary<string, string>
            {
                ["PORTAL_AGENT_TOKEN"] = _tokens[host.Name],
                ["PORTAL_AGENT_STATE"] = Path.Combine(Folder, "agent-" + host.Name),
            });
        _agents[host.Name] = agent;
        return agent;
    }

    public async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var dll = PortalBinaries.Server;
        var environment = new Dictionary<string, string>
        {
            ["Portal__Database"] = Database,
            ["Portal__Bootstrap__AdminUser"] = AdminUser,
            ["Portal__Bootstrap__AdminPassword"] = BootstrapPassword,
            // The lab speaks plain http, and its tests sign in often from one address.
            ["Portal__AllowInsecureHttp"] = "true",
            ["Portal__Auth__LoginPermitsPerMinute"] = "1000",
            ["ASPNETCORE_ENVIRONMENT"] = PortalBinaries.IsBuildOutput(dll) ? "Development" : "Production",
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in TestDatabase.Settings(Database))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // The content root is the working directory: from anywhere else the static web assets are served empty.
        _server = RunningProcess.Start("server", "dotnet", [dll, "--urls", Url.ToString().TrimEnd('/')], environment, Path.GetDirectoryName(dll));
        using var http = new HttpClient { BaseAddress = Url, DefaultRequestHeaders = { { "X-Requested-With", "portal-tests" } } };
        await PortalSession.EventuallyAsync(
            async ct =>
            {
                if (_server.HasExited)
                {
                    throw new InvalidOperationException("the server exited:\n" + _server.Output);
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
            "server start",
            cancellationToken);
    }

    public async Task StopServerAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    public async Task WaitOnlineAsync(string host, bool online, CancellationToken cancellationToken) =>
        await PortalSession.EventuallyAsync(
            async ct =>
            {
                var hosts = await Admin.GetJsonAsync("/api/hosts", ct);
                var row = hosts.AsArray().FirstOrDefault(h => h?["name"]?.GetValue<string>() == host);
                return row?["online"]?.GetValue<bool>() == online ? row : null;
            },
            TimeSpan.FromSeconds(60),
            $"host {host} {(online ? "online" : "offline")}" + (_agents.TryGetValue(host, out var agent) ? "; agent said:\n" + agent.Output : string.Empty),
            cancellationToken);

    /// <summary>Creates a user with a role and signs in as them.</summary>
    public async Task<PortalSession> UserAsync(string role, CancellationToken cancellationToken)
    {
        var name = Lab.UniqueName(role + "-");
        var password = "Pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        using var response = await Admin.Http.PostAsJsonAsync("/api/users", new { userName = name, password, role }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating {role} user failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await PortalSession.SignInAsync(Url, name, password, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents.Values)
        {
            await agent.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Admin?.Dispose();
        await TestDatabase.DropAsync(Database);
        _lock?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp folder is cleaned by the OS later.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Parse(Lab.PortalAddress), 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
