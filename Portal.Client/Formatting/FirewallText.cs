namespace Portal.Client.Formatting;

/// <summary>The host's firewall backend (the snapshot's <c>iptablesBackend</c>) as the host page names it.</summary>
public static class FirewallText
{
    public static string For(string? backend) => backend switch
    {
        null or "" => "firewall unknown",
        "nf_tables" => "iptables (nf_tables)",
        "legacy" => "iptables (legacy)",
        "nftables" => "nftables (Docker's own; read-only)",
        _ => backend,
    };
}
