namespace Portal.Core.RuleShapes;

/// <summary>
/// The names of the shape sets, as <see cref="RuleShape.Versions"/> lists them, and the version lists shapes share.
/// Docker changed its rules three times after 20.10: 28.0.0 (an ipset in filter FORWARD, raw-table drops, gateway
/// modes), 28.0.1 (the ipset gone, rules moved into DOCKER-FORWARD, DOCKER-CT and DOCKER-BRIDGE) and 29.0.0 (the
/// DOCKER-ISOLATION chains gone, DOCKER-INTERNAL for internal networks). docs/rule-shapes.md has the table.
/// </summary>
public static class DockerShapeVersions
{
    /// <summary>dockerd 20.10 (observed in the lab); also every engine before 28.0.0 (their rules are 20.10's).</summary>
    public const string V2010 = "20.10";

    /// <summary>28.0.0 alone: per-bridge rules still in filter FORWARD, the ipset docker-ext-bridges-v4/v6.</summary>
    public const string V2800 = "28.0.0";

    /// <summary>28.0.1 to 28.5.x: DOCKER-FORWARD, DOCKER-CT, DOCKER-BRIDGE, isolation chains jumped from DOCKER-FORWARD.</summary>
    public const string V28 = "28.x";

    /// <summary>29.0.0 on: DOCKER-INTERNAL, no DOCKER-ISOLATION chains, no nat RETURN per bridge.</summary>
    public const string V29 = "29.x";

    internal static readonly string[] Every = [V2010, V2800, V28, V29];

    internal static readonly string[] Through28 = [V2010, V2800, V28];

    internal static readonly string[] Through2800 = [V2010, V2800];

    internal static readonly string[] Only2010 = [V2010];

    internal static readonly string[] Since2800 = [V2800, V28, V29];

    internal static readonly string[] Since28 = [V28, V29];

    internal static readonly string[] From2800To28 = [V2800, V28];

    internal static readonly string[] Only2800 = [V2800];

    internal static readonly string[] Only28 = [V28];

    internal static readonly string[] Only29 = [V29];
}
