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

    /// <summary>The two backends with their explicit program names (iptables 1.8 installs both).</summary>
    public static readonly IptablesBackend NfTablesPrograms = new(NfTables, "iptables-nft-save", "ip6tables-nft-save");

    public static readonly IptablesBackend LegacyPrograms = new(Legacy, "iptables-legacy-save", "ip6tables-legacy-save");

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
    public static async Task<IptablesBackend> DetectAsync(CancellationToken cancellationToken)
    {
        var nft = await TrySaveAsync(NfTablesPrograms.SaveProgram, cancellationToken);
        var legacy = await TrySaveAsync(LegacyPrograms.SaveProgram, cancellationToken);
        var version = await CommandRunner.RunAsync("iptables", ["--version"], cancellationToken);
        return Choose(nft, legacy, version);
    }

    private static async Task<string?> TrySaveAsync(string program, CancellationToken cancellationToken)
    {
        try
        {
            return await CommandRunner.RunAsync(program, [], cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            // Not installed (or not usable here): that backend holds nothing the agent can read.
            return null;
        }
    }
}
