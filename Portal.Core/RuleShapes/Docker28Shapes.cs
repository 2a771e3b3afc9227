using K = Portal.Contracts.Model.RuleOwnerKind;
using R = Portal.Core.RuleShapes.OwnerResolver;
using S = Portal.Core.RuleShapes.Docker2010Shapes;
using V = Portal.Core.RuleShapes.DockerShapeVersions;

namespace Portal.Core.RuleShapes;

/// <summary>
/// The rules Docker 28.0.0 first wrote (and, where <see cref="RuleShape.Versions"/> says so, 28.x and 29 still do), and
/// the 28.0.0 set itself: per-bridge rules still in filter FORWARD, reached through the ipset
/// <c>docker-ext-bridges-v4</c>/<c>-v6</c>; raw-table drops against direct access to container addresses and to ports
/// published on 127.0.0.1; a default DROP per bridge in filter DOCKER; gateway modes (nat-unprotected ACCEPTs where nat
/// DROPs, routed lets ICMP in); a fixed SNAT address instead of MASQUERADE; ip6tables' forms of the port rules.
/// Sources: moby's generated rule docs (integration/network/bridge/iptablesdoc) and Docker 29's iptabler golden dumps
/// (tests/Portal.Core.Tests/Fixtures/docker29-iptabler).
/// </summary>
public static class Docker28Shapes
{
    public const string Version = V.V2800;

    // raw PREROUTING: only the container's bridge may send to its address; a port published on a loopback address is
    // dropped unless it came in on lo (Docker Desktop's WSL2 mirrored mode lets loopback0 in too).
    public static readonly RuleShape RawDirectAccess = Shape(
        "raw-direct-access", "raw", "PREROUTING", "-d {containerIp}/32 ! -i {bridge} -j DROP", K.DirectAccess, R.ContainerAddress, V.Since2800);

    public static readonly RuleShape RawDirectAccessV6 = Shape(
        "raw-direct-access-v6", "raw", "PREROUTING", "-d {containerIp}/128 ! -i {bridge} -j DROP", K.DirectAccess, R.ContainerAddress, V.Since2800);

    public static readonly RuleShape RawLoopbackPortDrop = Shape(
        "raw-loopback-port-drop", "raw", "PREROUTING", "-d {hostIp}/32 ! -i lo -p {proto} -m {proto} --dport {hostPort} -j DROP", K.Port, R.PublishedHostPort, V.Since2800);

    public static readonly RuleShape RawLoopbackPortWsl2 = Shape(
        "raw-loopback-port-wsl2", "raw", "PREROUTING", "-d {hostIp}/32 -i loopback0 -p {proto} -m {proto} --dport {hostPort} -j ACCEPT", K.Port, R.PublishedHostPort, V.Since28);

    public static readonly RuleShape NatLoopbackReturnWsl2 = Shape(
        "nat-loopback-return-wsl2", "nat", "DOCKER", "-d 127.0.0.0/8 -i loopback0 -j RETURN", K.Docker, R.None, V.Since28);

    // filter DOCKER: after the published ports' ACCEPTs, each bridge's last word (nat: DROP; nat-unprotected: ACCEPT;
    // routed: ICMP in, then DROP).
    public static readonly RuleShape DockerDefaultDrop = Shape(
        "docker-default-drop", "filter", "DOCKER", "! -i {bridge} -o {bridge} -j DROP", K.Isolation, R.Bridge, V.Since2800);

    public static readonly RuleShape DockerUnprotectedAccept = Shape(
        "docker-unprotected-accept", "filter", "DOCKER", "! -i {bridge} -o {bridge} -j ACCEPT", K.Forward, R.Bridge, V.Since2800);

    public static readonly RuleShape DockerRoutedIcmp = Shape(
        "docker-routed-icmp", "filter", "DOCKER", "-o {bridge} -p icmp -j ACCEPT", K.Forward, R.Bridge, V.Since2800);

    public static readonly RuleShape DockerRoutedIcmpV6 = Shape(
        "docker-routed-icmp-v6", "filter", "DOCKER", "-o {bridge} -p ipv6-icmp -j ACCEPT", K.Forward, R.Bridge, V.Since2800);

    public static readonly RuleShape PortAcceptV6 = Shape(
        "port-accept-v6", "filter", "DOCKER", "-d {containerIp}/128 ! -i {bridge} -o {bridge} -p {proto} -m {proto} --dport {port} -j ACCEPT", K.Port, R.PublishedPortContainer, V.Since2800);

    // filter FORWARD, 28.0.0 only: the ipset of bridges with external access replaces the per-bridge conntrack and DOCKER jumps.
    public static readonly RuleShape ForwardIpsetEstablished = Shape(
        "forward-ipset-established", "filter", "FORWARD", "-m set --match-set docker-ext-bridges-v4 dst -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", K.Docker, R.None, V.Only2800);

    public static readonly RuleShape ForwardIpsetEstablishedV6 = Shape(
        "forward-ipset-established-v6", "filter", "FORWARD", "-m set --match-set docker-ext-bridges-v6 dst -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", K.Docker, R.None, V.Only2800);

    public static readonly RuleShape ForwardIpsetJumpDocker = Shape(
        "forward-ipset-jump-docker", "filter", "FORWARD", "-m set --match-set docker-ext-bridges-v4 dst -j DOCKER", K.Docker, R.None, V.Only2800);

    public static readonly RuleShape ForwardIpsetJumpDockerV6 = Shape(
        "forward-ipset-jump-docker-v6", "filter", "FORWARD", "-m set --match-set docker-ext-bridges-v6 dst -j DOCKER", K.Docker, R.None, V.Only2800);

    // DOCKER-ISOLATION-STAGE-1 until 29: an internal network's two drops (ip6tables adds the interface negations), a
    // routed network's replies out and everything in.
    public static readonly RuleShape IsolationInternalIn = Shape(
        "isolation-internal-in", "filter", "DOCKER-ISOLATION-STAGE-1", "! -s {subnet} -o {bridge} -j DROP", K.Isolation, R.Bridge, V.From2800To28);

    public static readonly RuleShape IsolationInternalOut = Shape(
        "isolation-internal-out", "filter", "DOCKER-ISOLATION-STAGE-1", "! -d {subnet} -i {bridge} -j DROP", K.Isolation, R.Bridge, V.From2800To28);

    public static readonly RuleShape IsolationInternalInV6 = Shape(
        "isolation-internal-in-v6", "filter", "DOCKER-ISOLATION-STAGE-1", "! -s {subnet} ! -i {bridge} -o {bridge} -j DROP", K.Isolation, R.Bridge, V.From2800To28);

    public static readonly RuleShape IsolationInternalOutV6 = Shape(
        "isolation-internal-out-v6", "filter", "DOCKER-ISOLATION-STAGE-1", "! -d {subnet} -i {bridge} ! -o {bridge} -j DROP", K.Isolation, R.Bridge, V.From2800To28);

    public static readonly RuleShape IsolationRoutedEstablished = Shape(
        "isolation-routed-established", "filter", "DOCKER-ISOLATION-STAGE-1", "-i {bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", K.Isolation, R.Bridge, V.From2800To28);

    public static readonly RuleShape IsolationRoutedReturn = Shape(
        "isolation-routed-return", "filter", "DOCKER-ISOLATION-STAGE-1", "-o {bridge} -j RETURN", K.Isolation, R.Bridge, V.From2800To28);

    // nat: a fixed source address (com.docker.network.host_ipv4/6) instead of MASQUERADE; ip6tables' forms.
    public static readonly RuleShape MasqueradeSnat = Shape(
        "masquerade-snat", "nat", "POSTROUTING", "-s {subnet} ! -o {bridge} -j SNAT --to-source {hostIp}", K.Masquerade, R.Bridge, V.Since2800);

    public static readonly RuleShape MasqueradeLocalSnat = Shape(
        "masquerade-local-snat", "nat", "POSTROUTING", "-o {bridge} -m addrtype --src-type LOCAL -j SNAT --to-source {hostIp}", K.Masquerade, R.Bridge, V.Since2800);

    public static readonly RuleShape OutputJumpDockerV6 = Shape(
        "output-jump-docker-v6", "nat", "OUTPUT", "! -d ::1/128 -m addrtype --dst-type LOCAL -j DOCKER", K.Docker, R.None, V.Since2800);

    public static readonly RuleShape PortHairpinV6 = Shape(
        "port-hairpin-v6", "nat", "POSTROUTING", "-s {containerIp}/128 -d {containerIp}/128 -p {proto} -m {proto} --dport {port} -j MASQUERADE", K.Port, R.PublishedPortContainer, V.Since2800);

    // An IPv6 DNAT never answers link-local sources, and names its target in brackets. These come before the IPv4
    // DNATs in every set: "{containerIp}:{port}" would also read "[fd49::1]:80", binding "[fd49" as the address.
    public static readonly RuleShape PortDnatV6 = Shape(
        "port-dnat-v6", "nat", "DOCKER", "! -s fe80::/10 ! -i {bridge} -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination [{containerIp}]:{port}", K.Port, R.PublishedPortDnat, V.Since2800);

    public static readonly RuleShape PortDnatOnHostIpV6 = Shape(
        "port-dnat-host-ip-v6", "nat", "DOCKER", "! -s fe80::/10 -d {hostIp}/128 ! -i {bridge} -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination [{containerIp}]:{port}", K.Port, R.PublishedPortDnat, V.Since2800);

    public static readonly RuleShape PortDnatNoProxyV6 = Shape(
        "port-dnat-no-proxy-v6", "nat", "DOCKER", "! -s fe80::/10 -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination [{containerIp}]:{port}", K.Port, R.PublishedPortDnat, V.Since2800);

    public static readonly RuleShape PortDnatOnHostIpNoProxyV6 = Shape(
        "port-dnat-host-ip-no-proxy-v6", "nat", "DOCKER", "! -s fe80::/10 -d {hostIp}/128 -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination [{containerIp}]:{port}", K.Port, R.PublishedPortDnat, V.Since2800);

    /// <summary>The published-port rules of 28.0.0 on and the per-address rules every later set shares, in matching order.</summary>
    internal static readonly RuleShape[] Ports =
    [
        S.PortAccept, PortAcceptV6, S.LinkRequest, S.LinkReply,
        DockerRoutedIcmp, DockerRoutedIcmpV6, DockerDefaultDrop, DockerUnprotectedAccept,
    ];

    /// <summary>nat and raw shapes every set from 28.0.0 on lists (28.x and 29 add their own around them).</summary>
    internal static readonly RuleShape[] NatAndRaw =
    [
        S.PreroutingJumpDocker, S.OutputJumpDocker, OutputJumpDockerV6, S.OutputJumpDockerNoProxy,
        S.Masquerade, MasqueradeSnat, S.MasqueradeLocalNoProxy, MasqueradeLocalSnat, S.PortHairpin, PortHairpinV6,
        PortDnatV6, PortDnatOnHostIpV6, PortDnatNoProxyV6, PortDnatOnHostIpNoProxyV6,
        S.PortDnat, S.PortDnatOnHostIp, S.PortDnatNoProxy, S.PortDnatOnHostIpNoProxy,
        RawDirectAccess, RawDirectAccessV6, RawLoopbackPortDrop,
    ];

    /// <summary>The isolation chains of 28.0.0 and 28.x.</summary>
    internal static readonly RuleShape[] Isolation =
    [
        IsolationInternalIn, IsolationInternalOut, IsolationInternalInV6, IsolationInternalOutV6,
        IsolationRoutedEstablished, IsolationRoutedReturn,
        S.IsolationStage1, S.IsolationStage1Return, S.IsolationStage2, S.IsolationStage2Return,
    ];

    public static readonly DockerShapeSet Set = new(
        Version,
        [
            S.ForwardJumpDockerUser, ForwardIpsetEstablished, ForwardIpsetEstablishedV6, S.ForwardJumpIsolation,
            ForwardIpsetJumpDocker, ForwardIpsetJumpDockerV6, S.ForwardOutbound, S.IccAccept, S.IccDrop,
            .. Isolation,
            S.DockerUserReturn,
            .. Ports,
            .. NatAndRaw,
            S.NatDockerReturn,
            .. SwarmShapes.All,
        ],
        PublishedPort: [S.PortAccept, S.PortDnat],
        PublishedPortOnHostIp: [S.PortAccept, S.PortDnatOnHostIp],
        LinkPair: [S.LinkRequest, S.LinkReply],
        BridgeNetworkIccOn: [S.ForwardOutbound, S.IccAccept, S.IsolationStage1, S.IsolationStage2, DockerDefaultDrop, S.NatDockerReturn],
        BridgeNetworkIccOff: [S.IccDrop, S.ForwardOutbound, S.IsolationStage1, S.IsolationStage2, DockerDefaultDrop, S.NatDockerReturn],
        BridgeNetworkMasquerade: [S.Masquerade])
    {
        Since = new DockerVersion(28, 0, 0),
        Before = new DockerVersion(28, 0, 1),
    };

    private static RuleShape Shape(string name, string table, string chain, string template, K kind, OwnerResolver resolver, string[] versions) =>
        new(name, table, chain, template, kind, resolver) { Versions = versions };
}
