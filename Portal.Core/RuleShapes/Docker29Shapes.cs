using K = Portal.Contracts.Model.RuleOwnerKind;
using R = Portal.Core.RuleShapes.OwnerResolver;
using S = Portal.Core.RuleShapes.Docker2010Shapes;
using V = Portal.Core.RuleShapes.DockerShapeVersions;
using X = Portal.Core.RuleShapes.Docker28Shapes;
using Y = Portal.Core.RuleShapes.Docker28xShapes;

namespace Portal.Core.RuleShapes;

/// <summary>
/// Docker 29 with the iptables firewall backend: DOCKER-ISOLATION-STAGE-1/2 are gone (between networks, each bridge's
/// default DROP in filter DOCKER does their work), an internal network's drops live in DOCKER-INTERNAL, and nat DOCKER
/// has no per-bridge RETURN. Checked rule by rule against Docker 29's own golden dumps (284 files, IPv4 and IPv6).
/// </summary>
public static class Docker29Shapes
{
    public const string Version = V.V29;

    public static readonly RuleShape DockerForwardJumpInternal = Shape(
        "docker-forward-jump-internal", "filter", "DOCKER-FORWARD", "-j DOCKER-INTERNAL", K.Docker, R.None, V.Only29);

    public static readonly RuleShape InternalIn = Shape("internal-in", "filter", "DOCKER-INTERNAL", "! -s {subnet} -o {bridge} -j DROP", K.Isolation, R.Bridge, V.Only29);

    public static readonly RuleShape InternalOut = Shape("internal-out", "filter", "DOCKER-INTERNAL", "! -d {subnet} -i {bridge} -j DROP", K.Isolation, R.Bridge, V.Only29);

    public static readonly RuleShape InternalInV6 = Shape(
        "internal-in-v6", "filter", "DOCKER-INTERNAL", "! -s {subnet} ! -i {bridge} -o {bridge} -j DROP", K.Isolation, R.Bridge, V.Only29);

    public static readonly RuleShape InternalOutV6 = Shape(
        "internal-out-v6", "filter", "DOCKER-INTERNAL", "! -d {subnet} -i {bridge} ! -o {bridge} -j DROP", K.Isolation, R.Bridge, V.Only29);

    public static readonly DockerShapeSet Set = new(
        Version,
        [
            S.ForwardJumpDockerUser,
            .. Y.Forward,
            DockerForwardJumpInternal,
            InternalIn, InternalOut, InternalInV6, InternalOutV6,
            .. X.Ports,
            .. X.NatAndRaw,
            X.RawLoopbackPortWsl2,
            X.NatLoopbackReturnWsl2,
            .. SwarmShapes.All,
        ],
        PublishedPort: [S.PortAccept, S.PortDnat],
        PublishedPortOnHostIp: [S.PortAccept, S.PortDnatOnHostIp],
        LinkPair: [S.LinkRequest, S.LinkReply],
        BridgeNetworkIccOn: [Y.DockerCtEstablished, Y.DockerBridgeJumpDocker, Y.DockerForwardOut, X.DockerDefaultDrop],
        BridgeNetworkIccOff: [Y.DockerCtEstablished, Y.DockerBridgeJumpDocker, Y.DockerForwardIccDrop, Y.DockerForwardOutbound, X.DockerDefaultDrop],
        BridgeNetworkMasquerade: [S.Masquerade])
    {
        Since = new DockerVersion(29, 0, 0),
    };

    private static RuleShape Shape(string name, string table, string chain, string template, K kind, OwnerResolver resolver, string[] versions) =>
        new(name, table, chain, template, kind, resolver) { Versions = versions };
}
