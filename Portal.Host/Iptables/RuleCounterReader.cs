using Portal.Core.Iptables;
using Portal.Host.Snapshot;

namespace Portal.Host.Iptables;

/// <summary>
/// Reads every rule's counters with the backend's <c>iptables-save -c</c> and <c>ip6tables-save -c</c>. Apart from the
/// rule watcher's reads on purpose: those stay without <c>-c</c>, so counts that move never look like rules that changed.
/// Docker 29's own nftables backend has no iptables-save to ask: <see cref="IsSupported"/> is false there. IPv6 that
/// cannot be read leaves the IPv4 counters alone, as <see cref="IptablesReader"/> does.
/// </summary>
public sealed class RuleCounterReader(IptablesBackend backend)
{
    private bool _ipv6Failed;

    public bool IsSupported => !backend.IsNftables;

    public async Task<List<RuleCount>> ReadAsync(CancellationToken cancellationToken)
    {
        var counts = new List<RuleCount>();
        var ipv4 = await ObservationException.WrapAsync(
            backend.SaveProgram + " -c",
            () => CommandRunner.RunAsync(backend.SaveProgram, ["-c"], cancellationToken),
            cancellationToken);
        RuleCounterParser.Parse(ipv4, ipv6: false, counts);
        if (await Read6Async(cancellationToken) is { } ipv6)
        {
            RuleCounterParser.Parse(ipv6, ipv6: true, counts);
        }

        return counts;
    }

    private async Task<string?> Read6Async(CancellationToken cancellationToken)
    {
        if (backend.Save6Program is not { } program || _ipv6Failed)
        {
            return null;
        }

        try
        {
            return await CommandRunner.RunAsync(program, ["-c"], cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            // No binary at all: asking again every read would not change that; a failed run may pass next time.
            _ipv6Failed = e is System.ComponentModel.Win32Exception;
            return null;
        }
    }
}
