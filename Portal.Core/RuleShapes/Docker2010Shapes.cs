using K = Portal.Contracts.Model.RuleOwnerKind;
using R = Portal.Core.RuleShapes.OwnerResolver;
using V = Portal.Core.RuleShapes.DockerShapeVersions;

namespace Portal.Core.RuleShapes;

/// <summary>
/// The rules dockerd 20.10 writes (observed in the lab, with and without the userland proxy; tested against captures
/// in tests/Portal.Core.Tests/Fixtures). The shapes a plan renders have names of their own; <see cref="Set"/> lists
/// them all in matching order. A shape later versions write unchanged is this same object, its
/// <see cref="RuleShape.Versions"/> naming them all (the later sets list it too), so it is matched once whatever the set.
/// </summary>
public static class Docker2010Shapes
{
    public const string Version = V.V2010;

    // A bridge network's own rules: filter FORWARD (replies in, into DOCKER, out, ICC), isolation from other bridges, nat.
    public static readonly RuleShape ForwardEstablished = Shape(
        "forward-established", "filter", "FORWARD", "-o {bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", K.Forward, R.Bridge, V.Only2010);

    public static readonly RuleShape ForwardJumpDocker = Shape("forward-jump-docker", "filter", "FORWARD", "-o {bridge} -j DOCKER", K.Forward, R.Bridge, V.Only2010);

    public static readonly RuleShape ForwardOutbound = Shape("forward-outbound", "filter", "FORWARD", "-i {bridge} ! -o {bridge} -j ACCEPT", K.Forward, R.Bridge, V.Through2800);

    public static readonly RuleShape IccAccept = Shape("icc-accept", "filter", "FORWARD", "-i {bridge} -o {bridge} -j ACCEPT", K.Icc, R.Bridge, V.Through2800);

    public static readonly RuleShape IccDrop = Shape("icc-drop", "filter", "FORWARD", "-i {bridge} -o {bridge} -j DROP", K.Icc, R.Bridge, V.Through2800);

    public static readonly RuleShape IsolationStage1 = Shape(
        "isolation-stage-1", "filter", "DOCKER-ISOLATION-STAGE-1", "-i {bridge} ! -o {bridge} -j DOCKER-ISOLATION-STAGE-2", K.Isolation, R.Bridge, V.Through28);

    public static readonly RuleShape IsolationStage2 = Shape("isolation-stage-2", "filter", "DOCKER-ISOLATION-STAGE-2", "-o {bridge} -j DROP", K.Isolation, R.Bridge, V.Through28);

    public static readonly RuleShape NatDockerReturn = Shape("nat-docker-return", "nat", "DOCKER", "-i {bridge} -j RETURN", K.Docker, R.Bridge, V.Through28);

    public static readonly RuleShape Masquerade = Shape("masquerade", "nat", "POSTROUTING", "-s {subnet} ! -o {bridge} -j MASQUERADE", K.Masquerade, R.Bridge, V.Every);

    // filter DOCKER: a published port's ACCEPT, then the legacy link pair (request to the child's port, reply from it).
    public static readonly RuleShape PortAccept = Shape(
        "port-accept", "filter", "DOCKER", "-d {containerIp}/32 ! -i {bridge} -o {bridge} -p {proto} -m {proto} --dport {port} -j ACCEPT", K.Port, R.PublishedPortContainer, V.Every);

    public static readonly RuleShape LinkRequest = Shape(
        "link-request", "filter", "DOCKER", "-s {parentIp}/32 -d {childIp}/32 -i {bridge} -o {bridge} -p {proto} -m {proto} --dport {port} -j ACCEPT", K.Link, R.LinkRequest, V.Every);

    public static readonly RuleShape LinkReply = Shape(
        "link-reply", "filter", "DOCKER", "-s {childIp}/32 -d {parentIp}/32 -i {bridge} -o {bridge} -p {proto} -m {proto} --sport {port} -j ACCEPT", K.Link, R.LinkReply, V.Every);

    // nat: a published port's hairpin MASQUERADE and its DNAT, on every host address or on one.
    public static readonly RuleShape PortHairpin = Shape(
        "port-hairpin", "nat", "POSTROUTING", "-s {containerIp}/32 -d {containerIp}/32 -p {proto} -m {proto} --dport {port} -j MASQUERADE", K.Port, R.PublishedPortContainer, V.Every);

    public static readonly RuleShape PortDnat = Shape(
        "port-dnat", "nat", "DOCKER", "! -i {bridge} -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {containerIp}:{port}", K.Port, R.PublishedPortDnat, V.Every);

    public static readonly RuleShape PortDnatOnHostIp = Shape(
        "port-dnat-host-ip", "nat", "DOCKER", "-d {hostIp}/32 ! -i {bridge} -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {containerIp}:{port}", K.Port, R.PublishedPortDnat, V.Every);

    // Plumbing and the rest, named because later versions list them too.
    public static readonly RuleShape ForwardJumpDockerUser = Shape("forward-jump-docker-user", "filter", "FORWARD", "-j DOCKER-USER", K.Docker, R.None, V.Every);

    public static readonly RuleShape ForwardJumpIsolation = Shape("forward-jump-isolation", "filter", "FORWARD", "-j DOCKER-ISOLATION-STAGE-1", K.Docker, R.None, V.Through2800);

    // Not in 28.0.0's generated docs; a host upgraded in place keeps them, and 28.x hosts show them.
    public static readonly RuleShape IsolationStage1Return = Shape("isolation-stage-1-return", "filter", "DOCKER-ISOLATION-STAGE-1", "-j RETURN", K.Docker, R.None, V.Through28);

    public static readonly RuleShape IsolationStage2Return = Shape("isolation-stage-2-return", "filter", "DOCKER-ISOLATION-STAGE-2", "-j RETURN", K.Docker, R.None, V.Through28);

    public static readonly RuleShape DockerUserReturn = Shape("docker-user-return", "filter", "DOCKER-USER", "-j RETURN", K.Docker, R.None, V.Through28);

    public static readonly RuleShape PreroutingJumpDocker = Shape("prerouting-jump-docker", "nat", "PREROUTING", "-m addrtype --dst-type LOCAL -j DOCKER", K.Docker, R.None, V.Every);

    public static readonly RuleShape OutputJumpDocker = Shape("output-jump-docker", "nat", "OUTPUT", "! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER", K.Docker, R.None, V.Every);

    public static readonly RuleShape OutputJumpDockerNoProxy = Shape("output-jump-docker-no-proxy", "nat", "OUTPUT", "-m addrtype --dst-type LOCAL -j DOCKER", K.Docker, R.None, V.Every);

    public static readonly RuleShape MasqueradeLocalNoProxy = Shape(
        "masquerade-local-no-proxy", "nat", "POSTROUTING", "-o {bridge} -m addrtype --src-type LOCAL -j MASQUERADE", K.Masquerade, R.Bridge, V.Every);

    public static readonly RuleShape PortDnatNoProxy = Shape(
        "port-dnat-no-proxy", "nat", "DOCKER", "-p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {containerIp}:{port}", K.Port, R.PublishedPortDnat, V.Every);

    public static readonly RuleShape PortDnatOnHostIpNoProxy = Shape(
        "port-dnat-host-ip-no-proxy", "nat", "DOCKER", "-d {hostIp}/32 -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {containerIp}:{port}", K.Port, R.PublishedPortDnat, V.Every);

    public static readonly DockerShapeSet Set = new(
        Version,
        [
            // filter FORWARD: plumbing first, then per bridge.
            ForwardJumpDockerUser,
            ForwardJumpIsolation,
            ForwardEstablished,
            ForwardJumpDocker,
            ForwardOutbound,
            IccAccept,
            IccDrop,
            IsolationStage1,
            IsolationStage1Return,
            IsolationStage2,
            IsolationStage2Return,
            DockerUserReturn,

            PortAccept,
            LinkRequest,
            LinkReply,

            // nat: jumps into DOCKER (with and without the userland proxy), masquerade per bridge, published ports.
            PreroutingJumpDocker,
            OutputJumpDocker,
            OutputJumpDockerNoProxy,
            Masquerade,
            MasqueradeLocalNoProxy,
            PortHairpin,
            NatDockerReturn,
            PortDnat,
            PortDnatOnHostIp,
            PortDnatNoProxy,
            PortDnatOnHostIpNoProxy,
        ],
        PublishedPort: [PortAccept, PortHairpin, PortDnat],
        PublishedPortOnHostIp: [PortAccept, PortHairpin, PortDnatOnHostIp],
        LinkPair: [LinkRequest, LinkReply],
        BridgeNetworkIccOn: [ForwardEstablished, ForwardJumpDocker, ForwardOutbound, IccAccept, IsolationStage1, IsolationStage2, NatDockerReturn],
        BridgeNetworkIccOff: [ForwardEstablished, ForwardJumpDocker, ForwardOutbound, IccDrop, IsolationStage1, IsolationStage2, NatDockerReturn],
        BridgeNetworkMasquerade: [Masquerade])
    {
        // Every engine before 28.0.0: 20.10 is what the lab runs; 23 to 27 write the same shapes.
        Since = new DockerVersion(0, 0, 0),
        Before = new DockerVersion(28, 0, 0),
    };

    private static RuleShape Shape(string name, string table, string chain, string template, K kind, OwnerResolver resolver, string[] versions) =>
        new(name, table, chain, template, kind, resolver) { Versions = versions };
}
