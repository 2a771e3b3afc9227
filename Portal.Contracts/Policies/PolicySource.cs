namespace Portal.Contracts.Policies;

/// <summary>Where an allow entry comes from, as <see cref="PolicyAllow.Source"/> says in <c>GET .../policy</c>.</summary>
public static class PolicySource
{
    /// <summary>Written by the operator (or accepted from a learned proposal).</summary>
    public const string Policy = "policy";

    /// <summary>Derived from a legacy link between the two containers: the target's exposed ports, as Docker allows them.</summary>
    public const string Link = "link";
}
