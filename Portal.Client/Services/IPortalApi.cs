using Portal.Client.Audit;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Reachability;

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

    /// <summary>Changes the signed-in user's own password; answers the user as the server now sees them.</summary>
    Task<CurrentUser> ChangePasswordAsync(ChangePasswordRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<HostSummary>> GetHostsAsync(CancellationToken cancellationToken);

    Task<CreatedHost> CreateHostAsync(string name, CancellationToken cancellationToken);

    Task DeleteHostAsync(string host, CancellationToken cancellationToken);

    Task RevokeTokenAsync(string host, CancellationToken cancellationToken);

    Task<CreatedHost> ReissueTokenAsync(string host, CancellationToken cancellationToken);

    /// <summary>The host's whole state in one answer: summary, sequence, bridges, containers and rules.</summary>
    Task<HostStateView> GetHostStateAsync(string host, CancellationToken cancellationToken);

    Task<IReadOnlyList<Bridge>> GetBridgesAsync(string host, CancellationToken cancellationToken);

    Task<IReadOnlyList<Container>> GetContainersAsync(string host, CancellationToken cancellationToken);

    /// <summary>The host's public address mappings with what is observed of each (<c>GET /api/hosts/{host}/addresses</c>).</summary>
    Task<IReadOnlyList<AddressView>> GetAddressesAsync(string host, CancellationToken cancellationToken);

    /// <summary>One masked variable's real value (operator); the server records the reveal.</summary>
    Task<RevealedSecret> RevealSecretAsync(string host, string container, string variable, CancellationToken cancellationToken);

    /// <summary>Every recorded reveal, newest first (admin).</summary>
    Task<IReadOnlyList<SecretRevealView>> GetSecretRevealsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<UserSummary>> GetUsersAsync(CancellationToken cancellationToken);

    Task CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken);

    Task ChangeRoleAsync(string userName, string role, CancellationToken cancellationToken);

    Task DeleteUserAsync(string userName, CancellationToken cancellationToken);

    /// <summary>An admin sets another user's password; that user must change it at the next sign-in.</summary>
    Task ResetPasswordAsync(string userName, string password, CancellationToken cancellationToken);

    // Changes: each answers the plan (dryRun) or the stored intent and the plan that was applied.
    Task<ChangeResponse> LinkAsync(string host, LinkRequest request, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> UnlinkAsync(string host, string source, string alias, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> PublishPortAsync(string host, PortRequest request, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> UnpublishPortAsync(string host, string container, int hostPort, string protocol, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> CreateNetworkAsync(string host, NetworkRequest request, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> RemoveNetworkAsync(string host, string network, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> ConnectAsync(string host, string network, ConnectionRequest request, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> DisconnectAsync(string host, string network, string container, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> SetIccAsync(string host, string network, IccRequest request, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> MapAddressAsync(string host, AddressRequest request, bool dryRun, CancellationToken cancellationToken);

    Task<ChangeResponse> UnmapAddressAsync(string host, string address, bool dryRun, CancellationToken cancellationToken);

    Task<IReadOnlyList<IntentView>> GetIntentsAsync(string? host, CancellationToken cancellationToken);

    Task RetryIntentAsync(long id, CancellationToken cancellationToken);

    // Reachability.
    /// <summary>The walk of one first packet: <paramref name="from"/> a container, "host" or "external:ADDRESS"; <paramref name="to"/> a container or an address.</summary>
    Task<ReachabilityAnswer> GetReachabilityAsync(string host, string from, string to, int port, TransportProtocol protocol, CancellationToken cancellationToken);

    /// <summary>Every container to every other on each port it offers: of one network, or to and from one container.</summary>
    Task<ReachabilityMatrix> GetReachabilityMatrixAsync(string host, string? network, string? container, CancellationToken cancellationToken);

    /// <summary>Each published port as outside clients see it, and the host's exposure warnings.</summary>
    Task<HostExposure> GetExposureAsync(string host, CancellationToken cancellationToken);

    // History.
    Task<IReadOnlyList<AuditEntryView>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<RuleAtTime>> GetRulesAtAsync(string host, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<RuleDiff>> GetRuleDiffAsync(string host, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
