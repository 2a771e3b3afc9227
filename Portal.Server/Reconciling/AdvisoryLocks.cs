using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Server.Data;

namespace Portal.Server.Reconciling;

/// <summary>
/// The database's own lock on a host across replicas: on PostgreSQL a session-level advisory lock
/// (<c>pg_try_advisory_lock(class, host)</c>) held on a connection of its own for as long as the change or the
/// reconciliation pass runs, and released by <c>pg_advisory_unlock</c> or, should the replica die, by PostgreSQL when
/// that session ends. SQLite serves one server only: there the in-process lock of <see cref="Changes.HostLocks"/> is all.
/// </summary>
public sealed class AdvisoryLocks(IServiceScopeFactory scopes, ILogger<AdvisoryLocks> logger)
{
    /// <summary>The first key of every portal lock ("PORT"), so other users of advisory locks on the database never collide.</summary>
    public const int LockClass = 0x504F5254;

    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private bool? _postgres;

    /// <summary>
    /// Takes the host's lock: waits for it when <paramref name="wait"/>, else answers null at once when another session
    /// holds it. On SQLite answers a lock that holds nothing.
    /// </summary>
    public async Task<IDisposable?> AcquireAsync(string host, bool wait, CancellationToken cancellationToken)
    {
        if (_postgres == false)
        {
            return Held.Nothing;
        }

        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            _postgres ??= db.Database.ProviderName == Npgsql;
            if (_postgres == false)
            {
                await scope.DisposeAsync();
                return Held.Nothing;
            }

            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            var key = Key(host);
            while (!await TryLockAsync(connection, key, cancellationToken))
            {
                if (!wait)
                {
                    await scope.DisposeAsync();
                    return null;
                }

                await Task.Delay(Poll, cancellationToken);
            }

            return new Held(scope, connection, key, host, logger);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>A stable 32-bit key of the host's name (FNV-1a of its lower-case UTF-8): the same on every replica.</summary>
    public static int Key(string host)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(host.ToLowerInvariant()))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return unchecked((int)hash);
    }

    private static async Task<bool> TryLockAsync(DbConnection connection, int key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pg_try_advisory_lock({LockClass}, {key})";
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private sealed class Held(AsyncServiceScope? scope, DbConnection? connection, int key, string host, ILogger? logger) : IDisposable
    {
        public static readonly Held Nothing = new(null, null, 0, string.Empty, null);

        private int _released;

        public void Dispose()
        {
            if (connection is null || Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }

            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT pg_advisory_unlock({LockClass}, {key})";
                command.ExecuteScalar();
            }
            catch (DbException e)
            {
                // Closing the session below releases it anyway.
                logger?.LogWarning(e, "Could not release the advisory lock of host {Host}", host);
            }
            finally
            {
                connection.Close();
                scope?.Dispose();
            }
        }
    }
}
