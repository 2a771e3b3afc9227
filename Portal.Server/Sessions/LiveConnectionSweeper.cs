using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Server.Auth;

namespace Portal.Server.Sessions;

/// <summary>
/// The backstop for <see cref="LiveConnections"/>: sign-out, deletion and role changes close connections at once,
/// and this check every <see cref="AuthOptions.LiveCheckInterval"/> closes any whose session ended or whose user
/// is gone or changed (a new security stamp: role, password) by any other way.
/// </summary>
internal sealed class LiveConnectionSweeper(
    LiveConnections connections,
    SessionStore sessions,
    IServiceScopeFactory scopes,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<LiveConnectionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LiveCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Checking the open live connections failed; trying again next time");
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var open = connections.All;
        if (open.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var stamps = new Dictionary<string, string?>(StringComparer.Ordinal);
        var stale = new HashSet<string>(StringComparer.Ordinal);
        foreach (var connection in open)
        {
            if (!stamps.TryGetValue(connection.UserId, out var stamp))
            {
                stamp = (await users.FindByIdAsync(connection.UserId))?.SecurityStamp;
                stamps[connection.UserId] = stamp;
            }

            if (stamp is null || stamp != connection.SecurityStamp
                || !await sessions.IsActiveAsync(connection.SessionId, connection.UserId, cancellationToken))
            {
                stale.Add(connection.Context.ConnectionId);
            }
        }

        var closed = connections.Close(c => stale.Contains(c.Context.ConnectionId));
        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} live connection(s) of ended sessions or changed users", closed);
        }
    }
}
