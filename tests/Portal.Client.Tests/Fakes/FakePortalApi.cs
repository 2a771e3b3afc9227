using Portal.Client.Services;
using Portal.Core.Api;
using Portal.Core.Model;

namespace Portal.Client.Tests.Fakes;

/// <summary>An in-memory REST API: per-host bridges and containers, and a configurable answer to sign-in.</summary>
public sealed class FakePortalApi(AuthState auth) : IPortalApi
{
    public Dictionary<string, IReadOnlyList<Bridge>> Bridges { get; } = [];

    public Dictionary<string, IReadOnlyList<Container>> Containers { get; } = [];

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

    public Task<IReadOnlyList<HostSummary>> GetHostsAsync(CancellationToken cancellationToken) => Task.FromResult(Hosts);

    public Task<CreatedHost> CreateHostAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(new CreatedHost(name, "tok-" + name));

    public Task DeleteHostAsync(string host, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RevokeTokenAsync(string host, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CreatedHost> ReissueTokenAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult(new CreatedHost(host, "tok2-" + host));

    public Task<IReadOnlyList<Bridge>> GetBridgesAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult(Bridges.GetValueOrDefault(host) ?? []);

    public Task<IReadOnlyList<Container>> GetContainersAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult(Containers.GetValueOrDefault(host) ?? []);

    public Task<Container> GetContainerAsync(string host, string name, CancellationToken cancellationToken) =>
        Task.FromResult(Containers[host].Single(c => c.Name == name));

    public Task<IReadOnlyList<Rule>> GetRulesAsync(string host, string table, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Rule>>([]);

    public Task<IReadOnlyList<UserSummary>> GetUsersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UserSummary>>([new UserSummary("admin", Roles.Admin, false)]);

    public Task CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ChangeRoleAsync(string userName, string role, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteUserAsync(string userName, CancellationToken cancellationToken) => Task.CompletedTask;
}
