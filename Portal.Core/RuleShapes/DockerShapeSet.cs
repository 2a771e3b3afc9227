namespace Portal.Core.RuleShapes;

/// <summary>
/// The shapes one Docker version writes. <see cref="All"/>, in matching order (first match wins), is what ownership
/// recognises; the others pick from it the rules the daemon writes for one change, in the order a plan lists them
/// (<c>Portal.Core.Plans.PlannedDockerRules</c> fills them in).
/// </summary>
/// <param name="Version">The version, as <c>docker version</c> prints its major.minor (<c>20.10</c>).</param>
/// <param name="All">Every shape of the version, most specific first.</param>
/// <param name="PublishedPort">The rules of a port published on every host address.</param>
/// <param name="PublishedPortOnHostIp">The rules of a port published on one host address (<c>{hostIp}</c>).</param>
/// <param name="LinkPair">The rules of one exposed port of a legacy link when the bridge's ICC is off: request, then reply.</param>
/// <param name="BridgeNetworkIccOn">The rules of a new bridge network with ICC on (masquerade aside).</param>
/// <param name="BridgeNetworkIccOff">The rules of a new bridge network with ICC off (masquerade aside).</param>
/// <param name="BridgeNetworkMasquerade">What a new bridge network adds when it masquerades.</param>
public sealed record DockerShapeSet(
    string Version,
    IReadOnlyList<RuleShape> All,
    IReadOnlyList<RuleShape> PublishedPort,
    IReadOnlyList<RuleShape> PublishedPortOnHostIp,
    IReadOnlyList<RuleShape> LinkPair,
    IReadOnlyList<RuleShape> BridgeNetworkIccOn,
    IReadOnlyList<RuleShape> BridgeNetworkIccOff,
    IReadOnlyList<RuleShape> BridgeNetworkMasquerade);
