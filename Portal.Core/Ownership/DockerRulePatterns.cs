using K = Portal.Core.Model.RuleOwnerKind;
using R = Portal.Core.Ownership.OwnerResolver;

namespace Portal.Core.Ownership;

/// <summary>
/// The ownership table: the shapes of the rules Docker writes, first match wins. Add a version's new shapes
/// (v28's DOCKER-FORWARD, raw-table direct-routing DROPs, ...) as new lines; tested against captures of each version.
/// </summary>
public static class DockerRulePatterns
{
    /// <summary>The portal's own chains and jumps; first, so that nothing else claims them.</summary>
    public static readonly IReadOnlyList<OwnershipPattern> Portal =
    [
        new("*", "PORTAL-*", "{*}", K.Portal),
        new("*", "*", "{*} -j PORTAL-{chain}", K.Portal),
        new("*", "*", "{*} -g PORTAL-{chain}", K.Portal),
    ];

    /// <summary>dockerd 20.10 (observed in the lab; notes/docker-networking.md §1).</summary>
    public static readonly IReadOnlyList<OwnershipPattern> Docker2010 =
    [
        // filter FORWARD: plumbing first, then per bridge.
        new("filter", "FORWARD", "-j DOCKER-USER", K.Docker),
        new("filter", "FORWARD", "-j DOCKER-ISOLATION-STAGE-1", K.Docker),
        new("filter", "FORWARD", "-o {bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", K.Forward, R.Bridge),
        new("filter", "FORWARD", "-o {bridge} -j DOCKER", K.Forward, R.Bridge),
        new("filter", "FORWARD", "-i {bridge} ! -o {bridge} -j ACCEPT", K.Forward, R.Bridge),
        new("filter", "FORWARD", "-i {bridge} -o {bridge} -j ACCEPT", K.Icc, R.Bridge),
        new("filter", "FORWARD", "-i {bridge} -o {bridge} -j DROP", K.Icc, R.Bridge),
        new("filter", "DOCKER-ISOLATION-STAGE-1", "-i {bridge} ! -o {bridge} -j DOCKER-ISOLATION-STAGE-2", K.Isolation, R.Bridge),
        new("filter", "DOCKER-ISOLATION-STAGE-1", "-j RETURN", K.Docker),
        new("filter", "DOCKER-ISOLATION-STAGE-2", "-o {bridge} -j DROP", K.Isolation, R.Bridge),
        new("filter", "DOCKER-ISOLATION-STAGE-2", "-j RETURN", K.Docker),
        new("filter", "DOCKER-USER", "-j RETURN", K.Docker),

        // filter DOCKER: a published port's ACCEPT, then legacy link pairs (request to the child's port, reply from it).
        new("filter", "DOCKER", "-d {ip}/32 ! -i {bridge} -o {bridge} -p {proto} -m {proto} --dport {port} -j ACCEPT", K.Port, R.PublishedPortContainer),
        new("filter", "DOCKER", "-s {parentIp}/32 -d {childIp}/32 -i {bridge} -o {bridge} -p {proto} -m {proto} --dport {port} -j ACCEPT", K.Link, R.LinkRequest),
        new("filter", "DOCKER", "-s {childIp}/32 -d {parentIp}/32 -i {bridge} -o {bridge} -p {proto} -m {proto} --sport {port} -j ACCEPT", K.Link, R.LinkReply),

        // nat: jumps into DOCKER (with and without the userland proxy), masquerade per bridge, published ports.
        new("nat", "PREROUTING", "-m addrtype --dst-type LOCAL -j DOCKER", K.Docker),
        new("nat", "OUTPUT", "! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER", K.Docker),
        new("nat", "OUTPUT", "-m addrtype --dst-type LOCAL -j DOCKER", K.Docker),
        new("nat", "POSTROUTING", "-s {subnet} ! -o {bridge} -j MASQUERADE", K.Masquerade, R.Bridge),
        new("nat", "POSTROUTING", "-o {bridge} -m addrtype --src-type LOCAL -j MASQUERADE", K.Masquerade, R.Bridge),
        new("nat", "POSTROUTING", "-s {ip}/32 -d {ip}/32 -p {proto} -m {proto} --dport {port} -j MASQUERADE", K.Port, R.PublishedPortContainer),
        new("nat", "DOCKER", "-i {bridge} -j RETURN", K.Docker, R.Bridge),
        new("nat", "DOCKER", "! -i {bridge} -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {ip}:{port}", K.Port, R.PublishedPortDnat),
        new("nat", "DOCKER", "-d {hostIp} ! -i {bridge} -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {ip}:{port}", K.Port, R.PublishedPortDnat),
        new("nat", "DOCKER", "-p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {ip}:{port}", K.Port, R.PublishedPortDnat),
        new("nat", "DOCKER", "-d {hostIp} -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {ip}:{port}", K.Port, R.PublishedPortDnat),
    ];

    /// <summary>Whatever else sits in DOCKER-USER is the operator's (or another tool's).</summary>
    public static readonly IReadOnlyList<OwnershipPattern> Fallback =
    [
        new("filter", "DOCKER-USER", "{*}", K.DockerUser),
    ];

    /// <summary>The table <see cref="RuleOwnership.Resolve(Iptables.Ruleset, IReadOnlyList{Model.Bridge}, IReadOnlyList{Model.Container})"/> uses.</summary>
    public static readonly IReadOnlyList<OwnershipPattern> Default = [.. Portal, .. Docker2010, .. Fallback];
}
