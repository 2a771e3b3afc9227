using Portal.Contracts.Model;

namespace Portal.Core.Plans;

/// <summary>
/// Changes the portal cannot make on a host yet, whatever is asked: on Docker 29's nftables firewall backend Docker's
/// rules live in nftables (no DOCKER-USER chain to hang the portal's chain from, no iptables link rules), so every change
/// is refused with 409 before anything is planned or sent. The host is still shown, its nftables rules with owners.
/// </summary>
public static class FirewallRefusal
{
    /// <summary>The snapshot's <c>iptablesBackend</c> of a host whose dockerd runs with <c>--firewall-backend=nftables</c>.</summary>
    public const string Nftables = "nftables";

    public static string Message(string host) =>
        $"host '{host}' uses Docker's nftables firewall backend (Docker 29, --firewall-backend=nftables): the portal shows its rules but cannot change them yet";

    public static PlanProblem? For(string host, HostSnapshot snapshot) =>
        snapshot.IptablesBackend == Nftables ? PlanProblem.Conflict(Message(host)) : null;
}
