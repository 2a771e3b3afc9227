using Portal.Core.Iptables;
using Portal.Core.Nftables;
using Portal.Host.Snapshot;

namespace Portal.Host.Iptables;

/// <summary>
/// Reads every table of the agent's namespace with the backend's iptables-save, and its ip6tables-save beside it: one
/// ruleset holding both families (<see cref="RuleFamily"/>). IPv6 that cannot be read (no ip6tables, IPv6 off in the
/// kernel) leaves the IPv4 rules standing alone.
/// </summary>
public sealed class IptablesReader(IptablesBackend backend)
{
    private bool _ipv6Failed;

    public IptablesBackend Backend => backend;

    /// <summary>The backend's rules in iptables-save's layout (nftables: <c>nft -j list ruleset</c> through <see cref="NftSaveText"/>).</summary>
    public Task<string> SaveAsync(CancellationToken cancellationToken) =>
        backend.IsNftables
            ? ObservationException.WrapAsync(
                "nft -j list ruleset",
                async () => NftSaveText.Render(NftJsonParser.Parse(await CommandRunner.RunAsync("nft", ["-j", "list", "ruleset"], cancellationToken))),
                cancellationToken)
            : ObservationException.WrapAsync(
                backend.SaveProgram,
                () => CommandRunner.RunAsync(backend.SaveProgram, [], cancellationToken),
                cancellationToken);

    public async Task<string?> Save6Async(CancellationToken cancellationToken)
    {
        if (backend.Save6Program is not { } program || _ipv6Failed)
        {
            return null;
        }

        try
        {
            return await CommandRunner.RunAsync(program, [], cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            // Not there at all (no binary, no IPv6 in the kernel): asking again every read would not change that.
            _ipv6Failed = e is System.ComponentModel.Win32Exception;
            return null;
        }
    }

    public async Task<Ruleset> ReadAsync(CancellationToken cancellationToken)
    {
        var ipv4 = await SaveAsync(cancellationToken);
        return RuleFamily.Parse(ipv4, await Save6Async(cancellationToken));
    }
}
