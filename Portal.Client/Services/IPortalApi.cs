using Portal.Core.Api;
using Portal.Core.Model;

namespace Portal.Client.Services;

/// <summary>
/// The public REST API of the portal, typed. Every failure surfaces as a <see cref="PortalApiException"/>
/// carrying the server's ProblemDetails.
/// </summary>
public interface IPortalApi
{
    Task<CurrentUser> LoginAsync(LoginRequest request, CancellationToken cancellationToken);

    Task LogoutAsync(CancellationToken cancellationToken);

    /// <summary>The signed-in user, or null when the server answers 401.</summary>
    Task<CurrentUser?> GetMeAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<HostSummary>> GetHostsAsync(CancellationToken cancellationToken);

    Task<CreatedHost> CreateHostAsync(string name, CancellationToken cancellationToken);

    Task DeleteHostAsync(string host, CancellationToken cancellationToken);

    Task RevokeTokenAsync(string host, CancellationToken cancellationToken);

    Task<CreatedHost> ReissueTokenAsync(string host, CancellationToken cancellationToken);

    Task<IReadOnlyList<Bridge>> GetBridgesAsync(string host, CancellationToken cancellationToken);

    Task<IReadOnlyList<Container>> GetContainersAsync(string host, CancellationToken cancellationToken);

    Task<Container> GetContainerAsync(string host, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Rule>> GetRulesAsync(string host, string table, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserSummary>> GetUsersAsync(CancellationToken cancellationToken);

    Task CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken);

    Task ChangeRoleAsync(string userName, string role, CancellationToken cancellationToken);

    Task DeleteUserAsync(string userName, CancellationToken cancellationToken);
}
