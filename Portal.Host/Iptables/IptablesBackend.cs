using Docker.DotNet;

namespace Portal.Host.Iptables;

/// <summary>
/// Which rule store Docker writes to, and the programs that read and write it. iptables-nft and iptables-legacy keep
/// separate rules, and a host may hold rules in both (a tool of the other backend wrote some): Docker's are where its
/// DOCKER chain is, so the agent reads, watches and writes there. <see cref="Save6Program"/> reads the same backend's
/// IPv6 rules.
/// </summary>
public sealed record IptablesBackend(string Name, string SaveProgram, string? Save6Program = null)
{
    public const string NfTables = "nf_tables";
    public const string Legacy = "legacy";

    /// <summary>Docker 29's own nftables firewall backend (<c>--firewall-backend=nftables</c>): read with <c>nft -j list ruleset</c>.</summary>
    public const string Nftables = "nftables";

    /// <summary>The two backends with their explicit program names (iptables 1.8 installs both).</summary>
    public static readonly IptablesBackend NfTablesPrograms = new(NfTables, "iptables-nft-save", "ip6tables-nft-save");

    public static readonly IptablesBackend LegacyPrograms = new(Legacy, "iptables-legacy-save", "ip6tables-legacy-save");

    public static readonly IptablesBackend NftablesProgram = new(Nftables, "nft");

    public bool IsNftables => Name == Nftables;

    public bool IsNfTables => Name == NfTables;

    /// <summary>The restore program of the same alternative as a save program (iptables-legacy-save -> iptables-legacy-restore).</summary>
    public static string RestoreOf(string saveProgram) => saveProgram.EndsWith("-save", StringComparison.Ordinal)
        ? saveProgram[..^"-save".Length] + "-restore"
        : "iptables-restore";

    /// <summary>The backend <c>iptables --version</c> names, read through the plain program names (its alternatives).</summary>
    public static IptablesBackend FromVersion(string versionText) =>
        versionText.Contains("nf_tables", StringComparison.Ordinal)
            ? new IptablesBackend(NfTables, "iptables-save", "ip6tables-save")
            : new IptablesBackend(Legacy, "iptables-save", "ip6tables-save");

    /// <summary>
    /// Picks the backend from what each one holds: the one whose dump declares Docker's DOCKER chain; when both or
    /// neither do, the one <c>iptables --version</c> names (<paramref name="versionText"/>). A null dump: that
    /// backend's program is not installed.
    /// </summary>
    public static IptablesBackend Choose(string? nfTablesSave, string? legacySave, string versionText)
    {
        var nft = nfTablesSave is not null && HoldsDocker(nfTablesSave);
        var legacy = legacySave is not null && HoldsDocker(legacySave);
        return (nft, legacy) switch
        {
            (true, false) => NfTablesPrograms,
            (false, true) => LegacyPrograms,
            _ => FromVersion(versionText),
        };
    }

    /// <summary>True when an iptables-save dump declares the DOCKER chain (in any table).</summary>
    public static bool HoldsDocker(string save) =>
        save.Split('\n').Any(l => l.StartsWith(":DOCKER ", StringComparison.Ordinal));

    /// <summary>
    /// Asks both backends (a plain <c>-save</c> lists only the tables that exist, so it creates nothing) and picks with
    /// <see cref="Choose"/>.
    /// </summary>
    public static async Task<IptablesBackend> DetectAsync(CancellationToken cancellationToken) => await DetectAsync(null, cancellationToken);

    /// <summary>
    /// Docker 29 says its firewall backend in <c>docker info</c> (FirewallBackend.Driver); older engines say nothing, and
    /// then <c>nft list tables</c> naming Docker's <c>docker-bridges</c> table gives it away. Otherwise the iptables
    /// backend that holds the DOCKER chain (<see cref="Choose"/>).
    /// </summary>
    public static async Task<IptablesBackend> DetectAsync(IDockerClient? docker, CancellationToken cancellationToken)
    {
        if (await EngineSaysNftablesAsync(docker, cancellationToken) || NftablesHoldsDocker(await TryRunAsync("nft", ["list", "tables"], cancellationToken)))
        {
            return NftablesProgram;
        }

        var nft = await TrySaveAsync(NfTablesPrograms.SaveProgram, cancellationToken);
        var legacy = await TrySaveAsync(LegacyPrograms.SaveProgram, cancellationToken);
        var version = await CommandRunner.RunAsync("iptables", ["--version"], cancellationToken);
        return Choose(nft, legacy, version);
    }

    /// <summary>True when <c>nft list tables</c> lists Docker's table (<c>table ip docker-bridges</c>).</summary>
    public static bool NftablesHoldsDocker(string? nftTables) =>
        nftTables is not null && nftTables.Split('\n').Any(l => l.Trim() is "table ip docker-bridges" or "table ip6 docker-bridges");

    private static async Task<bool> EngineSaysNftablesAsync(IDockerClient? docker, CancellationToken cancellationToken)
    {
        if (docker is null)
        {
            return false;
        }

        try
        {
            var info = await docker.System.GetSystemInfoAsync(cancellationToken);
            return string.Equals(info.FirewallBackend?.Driver, Nftables, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The engine is read again for the snapshot, which reports a failure properly.
            return false;
        }
    }

    private static Task<string?> TrySaveAsync(string program, CancellationToken cancellationToken) => TryRunAsync(program, [], cancellationToken);

    private static async Task<string?> TryRunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await CommandRunner.RunAsync(program, arguments, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            // Not installed (or not usable here): that backend holds nothing the agent can read.
            return null;
        }
    }
}
