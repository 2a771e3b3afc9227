namespace Portal.Host.Iptables;

/// <summary>
/// Which rule store Docker writes to. iptables-nft and iptables-legacy keep separate rules; the agent reads the
/// one `iptables --version` names, because that is the binary dockerd runs.
/// </summary>
public sealed record IptablesBackend(string Name, string SaveProgram)
{
    public const string NfTables = "nf_tables";
    public const string Legacy = "legacy";

    public bool IsNfTables => Name == NfTables;

    public static IptablesBackend FromVersion(string versionText) =>
        versionText.Contains("nf_tables", StringComparison.Ordinal)
            ? new IptablesBackend(NfTables, "iptables-save")
            : new IptablesBackend(Legacy, "iptables-save");

    public static async Task<IptablesBackend> DetectAsync(CancellationToken cancellationToken) =>
        FromVersion(await CommandRunner.RunAsync("iptables", ["--version"], cancellationToken));
}
