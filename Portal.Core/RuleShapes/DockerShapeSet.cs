namespace Portal.Core.RuleShapes;

/// <summary>
/// The shapes one range of Docker versions writes. <see cref="All"/>, in matching order (first match wins), is what
/// ownership recognises; the others pick from it the rules the daemon writes for one change, in the order a plan lists
/// them (<c>Portal.Core.Plans.PlannedDockerRules</c> fills them in). <see cref="Since"/> and <see cref="Before"/> say
/// which engine versions write these rules (<see cref="RuleShapeCatalogue.ForDockerVersion"/> picks the set by them).
/// </summary>
/// <param name="Version">The set's name, as shapes list it in <see cref="RuleShape.Versions"/> (<c>20.10</c>, <c>28.0.0</c>, <c>28.x</c>, <c>29.x</c>).</param>
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
    IReadOnlyList<RuleShape> BridgeNetworkMasquerade)
{
    /// <summary>The first engine version that writes these shapes (inclusive).</summary>
    public DockerVersion Since { get; init; }

    /// <summary>The first engine version that no longer does (exclusive); null while it is the newest set.</summary>
    public DockerVersion? Before { get; init; }

    public bool Covers(DockerVersion version) => version >= Since && (Before is not { } before || version < before);
}
