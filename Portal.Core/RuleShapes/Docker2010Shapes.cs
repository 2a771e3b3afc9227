using K = Portal.Contracts.Model.RuleOwnerKind;
using R = Portal.Core.RuleShapes.OwnerResolver;

namespace Portal.Core.RuleShapes;

/// <summary>
/// The rules dockerd 20.10 writes (observed in the lab, with and without the userland proxy; tested against captures
/// in tests/Portal.Core.Tests/Fixtures). The shapes a plan renders have names of their own; <see cref="Set"/> lists
/// them all in matching order.
/// </summary>
public static class Docker2010Shapes
{
    public const string Version = "20.10";

    private static readonly string[] Versions = [Version];

    // A bridge network's own rules: filter FORWARD (replies in, into DOCKER, out, ICC), isolation from other bridges, nat.
    public static readonly RuleShape ForwardEstablished = Shape(
        "forward-established", "filter", "FORWARD", "-o {bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", K.Forward, R.Bridge);

    public static readonly RuleShape ForwardJumpDocker = Shape("forward-jump-docker", "filter", "FORWARD", "-o {bridge} -j DOCKER", K.Forward, R.Bridge);

    public static readonly RuleShape ForwardOutbound = Shape("forward-outbound", "filter", "FORWARD", "-i {bridge} ! -o {bridge} -j ACCEPT", K.Forward, R.Bridge);

    public static readonly RuleShape IccAccept = Shape("icc-accept", "filter", "FORWARD", "-i {bridge} -o {bridge} -j ACCEPT", K.Icc, R.Bridge);

    public static readonly RuleShape IccDrop = Shape("icc-drop", "filter", "FORWARD", "-i {bridge} -o {bridge} -j DROP", K.Icc, R.Bridge);

    public static readonly RuleShape IsolationStage1 = Shape(
        "isolation-stage-1", "filter", "DOCKER-ISOLATION-STAGE-1", "-i {bridge} ! -o {bridge} -j DOCKER-ISOLATION-STAGE-2", K.Isolation, R.Bridge);

    public static readonly RuleShape IsolationStage2 = Shape("isolation-stage-2", "filter", "DOCKER-ISOLATION-STAGE-2", "-o {bridge} -j DROP", K.Isolation, R.Bridge);

    public static readonly RuleShape NatDockerReturn = Shape("nat-docker-return", "nat", "DOCKER", "-i {bridge} -j RETURN", K.Docker, R.Bridge);

    public static readonly RuleShape Masquerade = Shape("masquerade", "nat", "POSTROUTING", "-s {subnet} ! -o {bridge} -j MASQUERADE", K.Masquerade, R.Bridge);

    // filter DOCKER: a published port's ACCEPT, then the legacy link pair (request to the child's port, reply from it).
    public static readonly RuleShape PortAccept = Shape(
        "port-accept", "filter", "DOCKER", "-d {containerIp}/32 ! -i {bridge} -o {bridge} -p {proto} -m {proto} --dport {port} -j ACCEPT", K.Port, R.PublishedPortContainer);

    public static readonly RuleShape LinkRequest = Shape(
        "link-request", "filter", "DOCKER", "-s {parentIp}/32 -d {childIp}/32 -i {bridge} -o {bridge} -p {proto} -m {proto} --dport {port} -j ACCEPT", K.Link, R.LinkRequest);

    public static readonly RuleShape LinkReply = Shape(
        "link-reply", "filter", "DOCKER", "-s {childIp}/32 -d {parentIp}/32 -i {bridge} -o {bridge} -p {proto} -m {proto} --sport {port} -j ACCEPT", K.Link, R.LinkReply);

    // nat: a published port's hairpin MASQUERADE and its DNAT, on every host address or on one.
    public static readonly RuleShape PortHairpin = Shape(
        "port-hairpin", "nat", "POSTROUTING", "-s {containerIp}/32 -d {containerIp}/32 -p {proto} -m {proto} --dport {port} -j MASQUERADE", K.Port, R.PublishedPortContainer);

    public static readonly RuleShape PortDnat = Shape(
        "port-dnat", "nat", "DOCKER", "! -i {bridge} -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {containerIp}:{port}", K.Port, R.PublishedPortDnat);

    public static readonly RuleShape PortDnatOnHostIp = Shape(
        "port-dnat-host-ip", "nat", "DOCKER", "-d {hostIp}/32 ! -i {bridge} -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {containerIp}:{port}", K.Port, R.PublishedPortDnat);

    public static readonly DockerShapeSet Set = new(
        Version,
        [
            // filter FORWARD: plumbing first, then per bridge.
            Shape("forward-jump-docker-user", "filter", "FORWARD", "-j DOCKER-USER", K.Docker),
            Shape("forward-jump-isolation", "filter", "FORWARD", "-j DOCKER-ISOLATION-STAGE-1", K.Docker),
            ForwardEstablished,
            ForwardJumpDocker,
            ForwardOutbound,
            IccAccept,
            IccDrop,
            IsolationStage1,
            Shape("isolation-stage-1-return", "filter", "DOCKER-ISOLATION-STAGE-1", "-j RETURN", K.Docker),
            IsolationStage2,
            Shape("isolation-stage-2-return", "filter", "DOCKER-ISOLATION-STAGE-2", "-j RETURN", K.Docker),
            Shape("docker-user-return", "filter", "DOCKER-USER", "-j RETURN", K.Docker),

            PortAccept,
            LinkRequest,
            LinkReply,

            // nat: jumps into DOCKER (with and without the userland proxy), masquerade per bridge, published ports.
            Shape("prerouting-jump-docker", "nat", "PREROUTING", "-m addrtype --dst-type LOCAL -j DOCKER", K.Docker),
            Shape("output-jump-docker", "nat", "OUTPUT", "! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER", K.Docker),
            Shape("output-jump-docker-no-proxy", "nat", "OUTPUT", "-m addrtype --dst-type LOCAL -j DOCKER", K.Docker),
            Masquerade,
            Shape("masquerade-local-no-proxy", "nat", "POSTROUTING", "-o {bridge} -m addrtype --src-type LOCAL -j MASQUERADE", K.Masquerade, R.Bridge),
            PortHairpin,
            NatDockerReturn,
            PortDnat,
            PortDnatOnHostIp,
            Shape("port-dnat-no-proxy", "nat", "DOCKER", "-p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {containerIp}:{port}", K.Port, R.PublishedPortDnat),
            Shape("port-dnat-host-ip-no-proxy", "nat", "DOCKER", "-d {hostIp}/32 -p {proto} -m {proto} --dport {hostPort} -j DNAT --to-destination {containerIp}:{port}", K.Port, R.PublishedPortDnat),
        ],
        PublishedPort: [PortAccept, PortHairpin, PortDnat],
        PublishedPortOnHostIp: [PortAccept, PortHairpin, PortDnatOnHostIp],
        LinkPair: [LinkRequest, LinkReply],
        BridgeNetworkIccOn: [ForwardEstablished, ForwardJumpDocker, ForwardOutbound, IccAccept, IsolationStage1, IsolationStage2, NatDockerReturn],
        BridgeNetworkIccOff: [ForwardEstablished, ForwardJumpDocker, ForwardOutbound, IccDrop, IsolationStage1, IsolationStage2, NatDockerReturn],
        BridgeNetworkMasquerade: [Masquerade]);

    private static RuleShape Shape(string name, string table, string chain, string template, K kind, OwnerResolver resolver = OwnerResolver.None) =>
        new(name, table, chain, template, kind, resolver) { Versions = Versions };
}
