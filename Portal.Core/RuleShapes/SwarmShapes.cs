using K = Portal.Contracts.Model.RuleOwnerKind;
using V = Portal.Core.RuleShapes.DockerShapeVersions;

namespace Portal.Core.RuleShapes;

/// <summary>
/// Swarm's ingress routing mesh: every rule of the DOCKER-INGRESS chains (filter: the published ports' ACCEPTs and
/// their replies; nat: their DNATs to the ingress sandbox on docker_gwbridge) and every jump to them (filter FORWARD,
/// or DOCKER-FORWARD on 29; nat PREROUTING and OUTPUT). Families, not single rules: the chain is swarm's alone.
/// docker_gwbridge's own rules are a bridge network's like any other.
/// </summary>
public static class SwarmShapes
{
    public static readonly RuleShape Jump = new("swarm-jump", "*", "*", "{*} -j DOCKER-INGRESS", K.Swarm) { Versions = V.Since2800 };

    public static readonly RuleShape Ingress = new("swarm-ingress", "*", "DOCKER-INGRESS", "{*}", K.Swarm) { Versions = V.Since2800 };

    internal static readonly RuleShape[] All = [Jump, Ingress];
}
