using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Server.Data;
using Portal.Server.Hosts;

namespace Portal.Server.Agents;

/// <summary>
/// Authenticates an agent by its host token, from the <c>Authorization: Bearer</c> header only. Agents are .NET
/// processes whose every transport (WebSocket included) sends headers; a token in the <c>access_token</c> query, as
/// browsers' SignalR clients send it, would end up in proxies' and servers' request logs, so it counts for nothing.
/// </summary>
internal sealed class AgentTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PortalDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AgentToken";

    /// <summary>The claim that names the host the token belongs to.</summary>
    public const string HostClaim = "portal:host";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = HostTokens.Hash(token);
        var host = await db.Hosts.AsNoTracking()
            .Where(h => h.TokenHash == hash)
            .Select(h => new { h.Name, h.TokenHash, h.TokenRevoked })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (host is null || !HostTokens.Matches(token, host.TokenHash))
        {
            return AuthenticateResult.Fail("unknown agent token");
        }

        if (host.TokenRevoked is not null)
        {
            return AuthenticateResult.Fail("revoked agent token");
        }

        var identity = new ClaimsIdentity(
            [new Claim(HostClaim, host.Name), new Claim(ClaimTypes.Name, "agent:" + host.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private string? ReadToken()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim() is { Length: > 0 } bearer
            ? bearer
            : null;
    }
}
