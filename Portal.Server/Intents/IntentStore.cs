using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Server.Data;

namespace Portal.Server.Intents;

/// <summary>
/// Intents in SQLite. Every status change goes through here and is pushed to browsers as <c>IntentChanged</c>, so the
/// intents page and the stored rows never disagree. A context per call: the change service and the reconciler are
/// singletons that outlive any request.
/// </summary>
public sealed class IntentStore(IServiceScopeFactory scopes, IntentNotifier notifier, TimeProvider clock)
{
    public async Task<IntentRecord> AddAsync(string host, IntentSpec spec, string? user, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var entity = new IntentEntity
        {
            Host = host,
            Kind = spec.Kind,
            SpecJson = JsonSerializer.Serialize(spec, PortalJson.Options),
            Status = IntentStatus.Pending,
            User = user,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Intents.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        var record = Read(entity);
        await notifier.PublishAsync(record.ToView());
        return record;
    }

    /// <summary>Sets status and error; unchanged values write nothing and notify nobody. Returns the new record.</summary>
    public async Task<IntentRecord?> SetStatusAsync(long id, IntentStatus status, string? error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entity = await db.Intents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        if (entity.Status == status && entity.Error == error)
        {
            return Read(entity);
        }

        entity.Status = status;
        entity.Error = error;
        entity.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var record = Read(entity);
        await notifier.PublishAsync(record.ToView());
        return record;
    }

    /// <summary>Marks intents removed (what they wanted was undone on purpose); browsers get them with status "removed".</summary>
    public async Task<IReadOnlyList<IntentRecord>> RemoveAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entities = await db.Intents.Where(i => wanted.Contains(i.Id) && !i.Removed).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var entity in entities)
        {
            entity.Removed = true;
            entity.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        var records = entities.Select(Read).ToList();
        foreach (var record in records)
        {
            await notifier.PublishAsync(record.ToView() with { Status = IntentStatus.Removed });
        }

        return records;
    }

    public async Task<IntentRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entity = await db.Intents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return entity is null ? null : Read(entity);
    }

    /// <summary>The host's intents that still stand (not removed), oldest first.</summary>
    public async Task<IReadOnlyList<IntentRecord>> ActiveAsync(string host, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entities = await db.Intents.AsNoTracking().Where(i => i.Host == host && !i.Removed).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return entities.Select(Read).ToList();
    }

    /// <summary>Every standing intent, of one host or all, oldest first.</summary>
    public async Task<IReadOnlyList<IntentRecord>> ListAsync(string? host, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var query = db.Intents.AsNoTracking().Where(i => !i.Removed);
        if (!string.IsNullOrEmpty(host))
        {
            query = query.Where(i => i.Host == host);
        }

        var entities = await query.OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return entities.Select(Read).ToList();
    }

    public async Task<IReadOnlyList<string>> HostsWithIntentsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Intents.AsNoTracking().Where(i => !i.Removed).Select(i => i.Host).Distinct().ToListAsync(cancellationToken);
    }

    private static IntentRecord Read(IntentEntity entity) => new(
        entity.Id,
        entity.Host,
        JsonSerializer.Deserialize<IntentSpec>(entity.SpecJson, PortalJson.Options)!,
        entity.Status,
        entity.Error,
        entity.User,
        entity.CreatedAt,
        entity.UpdatedAt,
        entity.Removed);
}
