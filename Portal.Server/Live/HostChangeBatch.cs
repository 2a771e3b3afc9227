using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Core.State;

namespace Portal.Server.Live;

/// <summary>The changes of one host not yet sent to browsers, merged so a burst becomes one message.</summary>
internal sealed class HostChangeBatch
{
    private HostDelta? _delta;
    private bool _resync;
    private HostChange? _latest;

    public bool Scheduled { get; set; }

    public long LastSentTicks { get; set; } = long.MinValue / 2;

    public void Add(HostChange change)
    {
        _latest = change;
        _resync |= change.Resync;
        if (change.Delta is { } delta)
        {
            _delta = _delta is null ? delta : _delta.Then(delta);
        }
    }

    /// <summary>The merged change, or null when there is nothing to send; the batch is empty afterwards.</summary>
    public HostChange? Take()
    {
        if (_latest is null)
        {
            return null;
        }

        // A resync tells the page to fetch everything again, so a delta would only be dead weight.
        var merged = _latest with { Resync = _resync, Delta = _resync ? null : _delta };
        _latest = null;
        _resync = false;
        _delta = null;
        return merged;
    }
}
