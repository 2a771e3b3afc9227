namespace Portal.Core.Model;

/// <summary>The kinds of rule owner the portal knows.</summary>
public static class RuleOwnerKind
{
    /// <summary>A published port of a container (DNAT, hairpin MASQUERADE, filter ACCEPT).</summary>
    public const string Port = "port";

    /// <summary>A bridge network's outbound MASQUERADE.</summary>
    public const string Masquerade = "masquerade";

    /// <summary>A bridge network's FORWARD rules (conntrack, DOCKER jump, outbound ACCEPT).</summary>
    public const string Forward = "forward";

    /// <summary>A bridge network's isolation rules (DOCKER-ISOLATION-STAGE-1/2).</summary>
    public const string Isolation = "isolation";

    /// <summary>A bridge network's inter-container rule (-i br -o br ACCEPT or DROP).</summary>
    public const string Icc = "icc";

    /// <summary>A legacy link pair between two containers.</summary>
    public const string Link = "link";

    /// <summary>Docker's own plumbing: jumps into DOCKER chains, RETURNs.</summary>
    public const string Docker = "docker";

    /// <summary>A rule in DOCKER-USER that is not the portal's.</summary>
    public const string DockerUser = "docker-user";

    /// <summary>A rule the portal wrote (its own chains and the jump to them).</summary>
    public const string Portal = "portal";

    /// <summary>Nobody the portal knows of.</summary>
    public const string Unknown = "unknown";
}
