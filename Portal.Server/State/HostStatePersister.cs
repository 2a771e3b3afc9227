using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Portal.Contracts.Model;
using Portal.Server.Data;
using Portal.Server.Secrets;

namespace Portal.Server.State;

/// <summary>
/// Writes each host's latest state to SQLite behind the live path: a burst of deltas for one host costs one write
/// of the newest state, and the agent's message is never held up by the database. Drained on shutdown. The state is
/// masked already; the secret values go in only as the vault's ciphertext.
/// </summary>
public sealed class HostStatePersister(
    HostStateStore store, SecretVault vault, IServiceScopeFactory scopes, ILogger<HostStatePersister> logger) : IHostedService
{
    private readonly Channel<string> _dirty = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.OrdinalIgnoreCase);
    private Task _writer = Task.CompletedTask;

    /// <summary>Marks a host's state as needing a write; a host already queued is not queued twice.</summary>
    public void Enqueue(string host)
    {
        if (_queued.TryAdd(host, 0))
        {
            _dirty.Writer.TryWrite(host);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(() => WriteLoopAsync(CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _dirty.Writer.TryComplete();
        await _writer.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var host in _dirty.Reader.ReadAllAsync(cancellationToken))
        {
            _queued.TryRemove(host, out _);
            var state = store.Get(host);
            if (state is null)
            {
                continue;
            }

            try
            {
                await WriteAsync(state, cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // A host deleted meanwhile, or a busy database: the next change writes the state again.
                logger.LogWarning(e, "Could not persist the state of host {Host}", host);
            }
        }
    }

    private async Task WriteAsync(HostState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var host = await db.Hosts.Include(h => h.State).SingleOrDefaultAsync(h => h.Name == state.Name, cancellationToken);
        if (host is null)
        {
            return;
        }

        host.LastSeen = state.LastSeen;
        host.DockerVersion = state.DockerVersion;
        if (state.Snapshot is { } snapshot)
        {
            var json = JsonSerializer.Serialize(snapshot, PortalJson.Options);
            if (host.State is null)
            {
                host.State = new HostStateEntity { SnapshotJson = json };
            }

            host.State.SnapshotJson = json;
            host.State.SealedSecrets = vault.Export(state.Name);
            host.State.Sequence = snapshot.Sequence;
            host.State.UpdatedAt = state.UpdatedAt ?? DateTimeOffset.UtcNow;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
