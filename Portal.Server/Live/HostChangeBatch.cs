using Portal.Core.Api;
using Portal.Core.Model;

namespace Portal.Server.Live;

/// <summary>The changes of one host not yet sent to browsers, merged so a burst becomes one message.</summary>
internal sealed class HostChangeBatch
{
    private readonly Dictionary<string, Container> _upserted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private IReadOnlyList<Bridge>? _bridges;
    private IReadOnlyList<Rule>? _rules;
    private bool _resync;
    private HostChange? _latest;

    public bool Scheduled { get; set; }

    public long LastSentTicks { get; set; } = long.MinValue / 2;

    public void Add(HostChange change)
    {
        _latest = change;
        _resync |= change.Resync;
        _bridges = change.Bridges ?? _bridges;
        _rules = change.Rules ?? _rules;
        foreach (var name in change.RemovedContainers ?? [])
        {
            _upserted.Remove(name);
            _removed.Add(name);
        }

        foreach (var container in change.UpsertedContainers ?? [])
        {
            _removed.Remove(container.Name);
            _upserted[container.Name] = container;
        }
    }

    /// <summary>The merged change, or null when there is nothing to send; the batch is empty afterwards.</summary>
    public HostChange? Take()
    {
        if (_latest is null)
        {
            return null;
        }

        // A resync tells the page to fetch everything again, so the sections would only be dead weight.
        var merged = _resync
            ? _latest with { Resync = true, Bridges = null, Rules = null, UpsertedContainers = null, RemovedContainers = null }
            : _latest with
            {
                Bridges = _bridges,
                Rules = _rules,
                UpsertedContainers = _upserted.Count > 0 ? [.. _upserted.Values] : null,
                RemovedContainers = _removed.Count > 0 ? [.. _removed] : null,
            };
        _latest = null;
        _resync = false;
        _bridges = null;
        _rules = null;
        _upserted.Clear();
        _removed.Clear();
        return merged;
    }
}
