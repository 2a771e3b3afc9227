using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Portal.Contracts.Model;
using Portal.Core.Secrets;

namespace Portal.Server.Secrets;

/// <summary>
/// Masks agents' messages once, at ingest, and keeps the real values only encrypted (ASP.NET Core data protection),
/// per host, container id and variable, for an operator's reveal. Everything after ingest (state, SQLite, REST, hubs,
/// plans) sees the masked values only.
/// </summary>
public sealed class SecretVault(SecretClassifier classifier, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Portal.Secrets.EnvValues.v1");
    private readonly ConcurrentDictionary<string, ImmutableDictionary<string, ImmutableDictionary<string, string>>> _hosts =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Masks a snapshot and replaces everything held for the host with its values.</summary>
    public HostSnapshot Seal(string host, HostSnapshot snapshot)
    {
        var sealedValues = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, string>>(StringComparer.Ordinal);
        var containers = snapshot.Containers.Select(c => Mask(c, sealedValues)).ToList();
        _hosts[host] = sealedValues.ToImmutable();
        return snapshot with { Containers = containers };
    }

    /// <summary>
    /// Masks what a stored state still holds in clear (written before masking, or under narrower patterns) and adds those
    /// values to the host's; null when nothing needed masking.
    /// </summary>
    public HostSnapshot? Reseal(string host, HostSnapshot snapshot)
    {
        var sealedValues = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, string>>(StringComparer.Ordinal);
        var containers = snapshot.Containers.Select(c => Mask(c, sealedValues)).ToList();
        if (containers.SequenceEqual(snapshot.Containers, ReferenceEqualityComparer.Instance))
        {
            return null;
        }

        _hosts.AddOrUpdate(
            host,
            _ => sealedValues.ToImmutable(),
            (_, held) => held.SetItems(sealedValues.Select(c => KeyValuePair.Create(
                c.Key, held.TryGetValue(c.Key, out var old) ? old.SetItems(c.Value) : c.Value))));
        return snapshot with { Containers = containers };
    }

    /// <summary>Masks a delta's upserted containers and adds their values to the host's.</summary>
    public HostDelta Seal(string host, HostDelta delta)
    {
        if (delta.UpsertedContainers is not { Count: > 0 } upserted)
        {
            return delta;
        }

        var sealedValues = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, string>>(StringComparer.Ordinal);
        var containers = upserted.Select(c => Mask(c, sealedValues)).ToList();
        _hosts.AddOrUpdate(
            host,
            _ => sealedValues.ToImmutable(),
            (_, held) => held.RemoveRange(upserted.Select(c => c.Id)).SetItems(sealedValues));
        return delta with { UpsertedContainers = containers };
    }

    /// <summary>Forgets the values of containers the host no longer has.</summary>
    public void Keep(string host, IEnumerable<string> containerIds)
    {
        var ids = containerIds.ToHashSet(StringComparer.Ordinal);
        _hosts.AddOrUpdate(
            host,
            _ => ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty,
            (_, held) => held.RemoveRange(held.Keys.Where(id => !ids.Contains(id))));
    }

    public void Remove(string host) => _hosts.TryRemove(host, out _);

    /// <summary>The real value, or null when none is held (a value the agent withheld, or an unknown variable).</summary>
    public string? Reveal(string host, string containerId, string variable)
    {
        if (!_hosts.TryGetValue(host, out var held) || !held.TryGetValue(containerId, out var values)
            || !values.TryGetValue(variable, out var sealedValue))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(sealedValue);
        }
        catch (CryptographicException)
        {
            // Sealed under keys this server no longer has: the agent's next snapshot seals the value again.
            return null;
        }
    }

    /// <summary>The host's values as stored in SQLite: still encrypted; the names are not secret.</summary>
    public string? Export(string host) =>
        _hosts.TryGetValue(host, out var held) && held.Count > 0 ? JsonSerializer.Serialize(held) : null;

    /// <summary>Restores what <see cref="Export"/> wrote (at start-up, before the agents reconnect).</summary>
    public void Import(string host, string? exported)
    {
        var held = string.IsNullOrEmpty(exported)
            ? null
            : JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(exported);
        _hosts[host] = (held ?? []).ToImmutableDictionary(
            c => c.Key, c => c.Value.ToImmutableDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private Container Mask(Container container, ImmutableDictionary<string, ImmutableDictionary<string, string>>.Builder sealedValues)
    {
        var masked = SecretMasker.Mask(container, classifier);
        if (masked.Secrets.Count > 0)
        {
            sealedValues[container.Id] = masked.Secrets.ToImmutableDictionary(s => s.Key, s => _protector.Protect(s.Value), StringComparer.Ordinal);
        }

        return masked.Container;
    }
}
