using Portal.Client.Audit;
using Portal.Client.Services;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Iptables;
using Portal.Core.Plans;
using Portal.Core.Reachability;

namespace Portal.Client.Tests.Fakes;

/// <summary>
/// An in-memory REST API: per-host bridges, containers and rules, a configurable answer to sign-in, and for changes the
/// requests it received (with their dryRun flag) and one configurable answer or refusal.
/// </summary>
public sealed class FakePortalApi(AuthState auth) : IPortalApi
{
    public Dictionary<string, IReadOnlyList<Bridge>> Bridges { get; } = [];

    public Dictionary<string, IReadOnlyList<Container>> Containers { get; } = [];

    public Dictionary<string, IReadOnlyList<AddressView>> Addresses { get; } = [];

    public Dictionary<string, IReadOnlyList<Rule>> Rules { get; } = [];

    /// <summary>The sequence every state answer carries.</summary>
    public long Sequence { get; set; } = 1;

    /// <summary>The hosts whose whole state was asked for, one entry per call.</summary>
    public List<string> StateCalls { get; } = [];

    public IReadOnlyList<HostSummary> Hosts { get; set; } = [];

    /// <summary>What sign-in throws; null means it succeeds as <see cref="User"/>.</summary>
    public PortalApiException? LoginError { get; set; }

    public CurrentUser User { get; set; } = new("admin", Roles.Admin);

    public List<LoginRequest> Logins { get; } = [];

    public Task<CurrentUser> LoginAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        Logins.Add(request);
        if (LoginError is not null)
        {
            throw LoginError;
        }

        auth.SignedIn(User);
        return Task.FromResult(User);
    }

    public Task LogoutAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CurrentUser?> GetMeAsync(CancellationToken cancellationToken) => Task.FromResult<CurrentUser?>(User);

    public List<ChangePasswordRequest> PasswordChanges { get; } = [];

    /// <summary>What the password change throws; null means it succeeds and <see cref="User"/> no longer must change it.</summary>
    public PortalApiException? PasswordChangeError { get; set; }

    public Task<CurrentUser> ChangePasswordAsync(ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        PasswordChanges.Add(request);
        if (PasswordChangeError is not null)
        {
            throw PasswordChangeError;
        }

        User = User with { MustChangePassword = false };
        auth.SignedIn(User);
        return Task.FromResult(User);
    }

    public List<(string User, string Password)> PasswordResets { get; } = [];

    public Task ResetPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        PasswordResets.Add((userName, password));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HostSummary>> GetHostsAsync(CancellationToken cancellationToken) => Task.FromResult(Hosts);

    public Task<CreatedHost> CreateHostAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(new CreatedHost(name, "tok-" + name));

    public Task DeleteHostAsync(string host, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RevokeTokenAsync(string host, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CreatedHost> ReissueTokenAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult(new CreatedHost(host, "tok2-" + host));

    /// <summary>Real values behind masked variables, by (host, container, variable).</summary>
    public Dictionary<(string Host, string Container, string Variable), string> Secrets { get; } = new()
    {
        [("docker1", "client", "DB_PASSWORD")] = "hunter2",
        [("docker1", "client", "api_token")] = "tok-123",
    };

    public List<(string Host, string Container, string Variable)> Reveals { get; } = [];

    public IReadOnlyList<SecretRevealView> RevealRecords { get; set; } = [];

    public Task<RevealedSecret> RevealSecretAsync(string host, string container, string variable, CancellationToken cancellationToken)
    {
        Reveals.Add((host, container, variable));
        return Secrets.TryGetValue((host, container, variable), out var value)
            ? Task.FromResult(new RevealedSecret(variable, value))
            : throw new PortalApiException(404, "Not found", $"container '{container}' has no variable '{variable}'");
    }

    public Task<IReadOnlyList<SecretRevealView>> GetSecretRevealsAsync(CancellationToken cancellationToken) => Task.FromResult(RevealRecords);

    public Task<IReadOnlyList<Bridge>> GetBridgesAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult(Bridges.GetValueOrDefault(host) ?? []);

    public Task<IReadOnlyList<Container>> GetContainersAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult(Containers.GetValueOrDefault(host) ?? []);

    public Task<IReadOnlyList<AddressView>> GetAddressesAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult(Addresses.GetValueOrDefault(host) ?? []);

    /// <summary>The host's whole state from the dictionaries (sequence <see cref="Sequence"/>), counted per host.</summary>
    public Task<HostStateView> GetHostStateAsync(string host, CancellationToken cancellationToken)
    {
        StateCalls.Add(host);
        var summary = Hosts.FirstOrDefault(h => h.Name == host)
            ?? throw new PortalApiException(404, "Not found", $"host '{host}' not found");
        return Task.FromResult(new HostStateView(
            host, Sequence, null, null, summary, Bridges.GetValueOrDefault(host) ?? [], Containers.GetValueOrDefault(host) ?? [], Rules.GetValueOrDefault(host) ?? []));
    }

    public Task<IReadOnlyList<UserSummary>> GetUsersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UserSummary>>([new UserSummary("admin", Roles.Admin, false)]);

    public Task CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ChangeRoleAsync(string userName, string role, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteUserAsync(string userName, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every change request received: (operation, request or path values, dryRun).</summary>
    public List<(string Operation, object Request, bool DryRun)> ChangeRequests { get; } = [];

    /// <summary>What plan requests answer; apply answers this with <see cref="AppliedIntent"/>.</summary>
    public Plan Plan { get; set; } = SamplePlan;

    public IntentView AppliedIntent { get; set; } = SampleIntent(41, IntentStatus.Applied);

    /// <summary>What a change throws (both plan and apply); null means it succeeds.</summary>
    public PortalApiException? ChangeError { get; set; }

    /// <summary>Completes a request when set, so a test can look at the dialog while it waits.</summary>
    public TaskCompletionSource? ChangeGate { get; set; }

    public IReadOnlyList<IntentView> Intents { get; set; } = [];

    public List<long> Retries { get; } = [];

    public List<AuditQuery> AuditQueries { get; } = [];

    /// <summary>The audit rows; the fake answers newest first, filtered by before= and limit like the server.</summary>
    public IReadOnlyList<AuditEntryView> Audit { get; set; } = [];

    public IReadOnlyList<RuleAtTime> RulesAt { get; set; } = [];

    public List<(string Host, DateTimeOffset At)> RulesAtQueries { get; } = [];

    public IReadOnlyList<RuleDiff> Diff { get; set; } = [];

    public List<(string Host, DateTimeOffset From, DateTimeOffset To)> DiffQueries { get; } = [];

    public static readonly Plan SamplePlan = new(
        "link client -> web as web",
        [new PlanStep(1, "recreate client with --link web:web"), new PlanStep(2, "add ACCEPT pairs for 80/tcp to PORTAL-ICC")],
        [new PlannedHostsLine("client", ChangeKind.Added, "172.17.0.2", ["web", "webhost"])],
        [new PlannedEnvVariable("client", ChangeKind.Added, "WEB_PORT_80_TCP_ADDR", "172.17.0.2")],
        [
            new PlannedRule("filter", "PORTAL-ICC", ChangeKind.Added, "-A PORTAL-ICC -s 172.17.0.3/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j ACCEPT"),
            new PlannedRule("filter", "DOCKER", ChangeKind.Removed, "-A DOCKER -s 172.17.0.9/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j ACCEPT"),
        ],
        ["client"],
        "client restarts (about a second)");

    public static IntentView SampleIntent(long id, IntentStatus status, string host = "docker1", string? error = null) =>
        new(id, host, IntentKind.Link, status, "link client -> web as web", error, "alice",
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddMinutes(id), new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddMinutes(id));

    public Task<ChangeResponse> LinkAsync(string host, LinkRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("link", request, dryRun);

    public Task<ChangeResponse> UnlinkAsync(string host, string source, string alias, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("unlink", (source, alias), dryRun);

    public Task<ChangeResponse> PublishPortAsync(string host, PortRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("publish", request, dryRun);

    public Task<ChangeResponse> UnpublishPortAsync(string host, string container, int hostPort, string protocol, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("unpublish", (container, hostPort, protocol), dryRun);

    public Task<ChangeResponse> CreateNetworkAsync(string host, NetworkRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("create-network", request, dryRun);

    public Task<ChangeResponse> RemoveNetworkAsync(string host, string network, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("remove-network", network, dryRun);

    public Task<ChangeResponse> ConnectAsync(string host, string network, ConnectionRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("connect", (network, request), dryRun);

    public Task<ChangeResponse> DisconnectAsync(string host, string network, string container, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("disconnect", (network, container), dryRun);

    public Task<ChangeResponse> SetIccAsync(string host, string network, IccRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("icc", (network, request), dryRun);

    public Task<ChangeResponse> MapAddressAsync(string host, AddressRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("address", request, dryRun);

    public Task<ChangeResponse> UnmapAddressAsync(string host, string address, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync("unmap-address", address, dryRun);

    public Task<IReadOnlyList<IntentView>> GetIntentsAsync(string? host, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IntentView>>(Intents.Where(i => host is null || i.Host == host).ToList());

    public Task RetryIntentAsync(long id, CancellationToken cancellationToken)
    {
        Retries.Add(id);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntryView>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        AuditQueries.Add(query);
        return Task.FromResult<IReadOnlyList<AuditEntryView>>(
            Audit.Where(query.Matches).Where(e => query.Before is not { } before || e.Id < before)
                .OrderByDescending(e => e.Id).Take(query.Limit).ToList());
    }

    /// <summary>The state reachability questions are walked on (with Portal.Core's real walker); null answers 404.</summary>
    public HostSnapshot? ReachabilitySnapshot { get; set; }

    public List<string> ReachabilityQueries { get; } = [];

    public Task<ReachabilityAnswer> GetReachabilityAsync(string host, string from, string to, int port, TransportProtocol protocol, CancellationToken cancellationToken)
    {
        ReachabilityQueries.Add($"{host} {from} -> {to}:{port}/{protocol}");
        var snapshot = ReachabilitySnapshot ?? throw new PortalApiException(404, "Not found", $"host '{host}' not found");
        return Task.FromResult(ReachabilityModel.From(snapshot).Ask(new ReachabilityQuery(PacketSource.Parse(from, out _)!, PacketTarget.Parse(to)!, port, protocol)));
    }

    public Task<ReachabilityMatrix> GetReachabilityMatrixAsync(string host, string? network, string? container, CancellationToken cancellationToken)
    {
        var snapshot = ReachabilitySnapshot ?? throw new PortalApiException(404, "Not found", $"host '{host}' not found");
        return Task.FromResult(ReachabilityMatrix.Build(ReachabilityModel.From(snapshot), network, container));
    }

    /// <summary>The exposure of <see cref="ReachabilitySnapshot"/>; none when it is not set (pages about other things).</summary>
    public Task<HostExposure> GetExposureAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult(ReachabilitySnapshot is { } snapshot ? HostExposure.Build(ReachabilityModel.From(snapshot)) : new HostExposure([], []));

    public Task<IReadOnlyList<RuleAtTime>> GetRulesAtAsync(string host, DateTimeOffset at, CancellationToken cancellationToken)
    {
        RulesAtQueries.Add((host, at));
        return Task.FromResult(RulesAt);
    }

    public Task<IReadOnlyList<RuleDiff>> GetRuleDiffAsync(string host, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        DiffQueries.Add((host, from, to));
        return Task.FromResult(Diff);
    }

    private async Task<ChangeResponse> ChangeAsync(string operation, object request, bool dryRun)
    {
        ChangeRequests.Add((operation, request, dryRun));
        if (ChangeGate is { } gate)
        {
            await gate.Task;
        }

        if (ChangeError is not null)
        {
            throw ChangeError;
        }

        return new ChangeResponse(dryRun ? null : AppliedIntent, Plan);
    }
}
