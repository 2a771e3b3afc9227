using K = Portal.Contracts.Model.RuleOwnerKind;
using R = Portal.Core.RuleShapes.OwnerResolver;
using S = Portal.Core.RuleShapes.Docker2010Shapes;
using V = Portal.Core.RuleShapes.DockerShapeVersions;
using X = Portal.Core.RuleShapes.Docker28Shapes;

namespace Portal.Core.RuleShapes;

/// <summary>
/// Docker 28.0.1 to 28.5.x (and, where <see cref="RuleShape.Versions"/> says so, 29): the ipset is gone and the
/// per-bridge filter rules moved out of FORWARD into DOCKER-FORWARD (jumped from FORWARD after DOCKER-USER), with the
/// replies in DOCKER-CT and the jumps into DOCKER in DOCKER-BRIDGE. The isolation chains are still there, jumped from
/// DOCKER-FORWARD.
/// </summary>
public static class Docker28xShapes
{
    public const string Version = V.V28;

    public static readonly RuleShape ForwardJumpDockerForward = Shape("forward-jump-docker-forward", "filter", "FORWARD", "-j DOCKER-FORWARD", K.Docker, R.None, V.Since28);

    public static readonly RuleShape DockerForwardJumpCt = Shape("docker-forward-jump-ct", "filter", "DOCKER-FORWARD", "-j DOCKER-CT", K.Docker, R.None, V.Since28);

    public static readonly RuleShape DockerForwardJumpIsolation = Shape(
        "docker-forward-jump-isolation", "filter", "DOCKER-FORWARD", "-j DOCKER-ISOLATION-STAGE-1", K.Docker, R.None, V.Only28);

    public static readonly RuleShape DockerForwardJumpBridge = Shape("docker-forward-jump-bridge", "filter", "DOCKER-FORWARD", "-j DOCKER-BRIDGE", K.Docker, R.None, V.Since28);

    public static readonly RuleShape DockerCtEstablished = Shape(
        "docker-ct-established", "filter", "DOCKER-CT", "-o {bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", K.Forward, R.Bridge, V.Since28);

    public static readonly RuleShape DockerBridgeJumpDocker = Shape("docker-bridge-jump-docker", "filter", "DOCKER-BRIDGE", "-o {bridge} -j DOCKER", K.Forward, R.Bridge, V.Since28);

    // A network with ICC on and external access: one ACCEPT for everything leaving the bridge, out or back into it.
    public static readonly RuleShape DockerForwardOut = Shape("docker-forward-out", "filter", "DOCKER-FORWARD", "-i {bridge} -j ACCEPT", K.Forward, R.Bridge, V.Since28);

    public static readonly RuleShape DockerForwardOutbound = Shape(
        "docker-forward-outbound", "filter", "DOCKER-FORWARD", "-i {bridge} ! -o {bridge} -j ACCEPT", K.Forward, R.Bridge, V.Since28);

    // ICC off (any network), or on in an internal network (which has no outbound ACCEPT to fold it into).
    public static readonly RuleShape DockerForwardIccAccept = Shape(
        "docker-forward-icc-accept", "filter", "DOCKER-FORWARD", "-i {bridge} -o {bridge} -j ACCEPT", K.Icc, R.Bridge, V.Since28);

    public static readonly RuleShape DockerForwardIccDrop = Shape(
        "docker-forward-icc-drop", "filter", "DOCKER-FORWARD", "-i {bridge} -o {bridge} -j DROP", K.Icc, R.Bridge, V.Since28);

    /// <summary>DOCKER-FORWARD's plumbing and per-bridge rules that 28.x and 29 share.</summary>
    internal static readonly RuleShape[] Forward =
    [
        ForwardJumpDockerForward, DockerForwardJumpCt, DockerForwardJumpBridge,
        DockerCtEstablished, DockerBridgeJumpDocker,
        DockerForwardOut, DockerForwardOutbound, DockerForwardIccAccept, DockerForwardIccDrop,
    ];

    public static readonly DockerShapeSet Set = new(
        Version,
        [
            S.ForwardJumpDockerUser,
            .. Forward,
            DockerForwardJumpIsolation,
            .. X.Isolation,
            S.DockerUserReturn,
            .. X.Ports,
            .. X.NatAndRaw,
            S.NatDockerReturn,
            X.RawLoopbackPortWsl2,
            X.NatLoopbackReturnWsl2,
            .. SwarmShapes.All,
        ],
        PublishedPort: [S.PortAccept, S.PortDnat],
        PublishedPortOnHostIp: [S.PortAccept, S.PortDnatOnHostIp],
        LinkPair: [S.LinkRequest, S.LinkReply],
        BridgeNetworkIccOn: [DockerCtEstablished, DockerBridgeJumpDocker, DockerForwardOut, S.IsolationStage1, S.IsolationStage2, X.DockerDefaultDrop, S.NatDockerReturn],
        BridgeNetworkIccOff: [DockerCtEstablished, DockerBridgeJumpDocker, DockerForwardIccDrop, DockerForwardOutbound, S.IsolationStage1, S.IsolationStage2, X.DockerDefaultDrop, S.NatDockerReturn],
        BridgeNetworkMasquerade: [S.Masquerade])
    {
        Since = new DockerVersion(28, 0, 1),
        Before = new DockerVersion(29, 0, 0),
    };

    private static RuleShape Shape(string name, string table, string chain, string template, K kind, OwnerResolver resolver, string[] versions) =>
        new(name, table, chain, template, kind, resolver) { Versions = versions };
}
