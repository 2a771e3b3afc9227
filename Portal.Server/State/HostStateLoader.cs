using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Contracts.Model;
using Portal.Server.Data;
using Portal.Server.Secrets;

namespace Portal.Server.State;

/// <summary>Fills the in-memory store from SQLite at start-up: every host offline until its agent reconnects.</summary>
internal sealed class HostStateLoader(
    HostStateStore store, SecretVault vault, HostStatePersister persister, IServiceScopeFactory scopes, ILogger<HostStateLoader> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var hosts = await db.Hosts.AsNoTracking().Include(h => h.State).ToListAsync(cancellationToken);
        foreach (var host in hosts)
        {
            vault.Import(host.Name, host.State?.SealedSecrets);
            var snapshot = Read(host);
            if (snapshot is not null && vault.Reseal(host.Name, snapshot) is { } masked)
            {
                // A state written before masking existed (or under narrower patterns): mask it now and write it again.
                snapshot = masked;
                persister.Enqueue(host.Name);
            }

            store.Add(new HostState(host.Name, false, host.LastSeen, host.DockerVersion, snapshot, host.State?.UpdatedAt));
        }

        logger.LogInformation("Loaded {Count} hosts", hosts.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private HostSnapshot? Read(HostEntity host)
    {
        if (host.State is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<HostSnapshot>(host.State.SnapshotJson, PortalJson.Options);
        }
        catch (JsonException e)
        {
            // A state we cannot read is only a cache: the agent's next snapshot replaces it.
            logger.LogWarning(e, "Ignoring the unreadable stored state of host {Host}", host.Name);
            return null;
        }
    }
}
