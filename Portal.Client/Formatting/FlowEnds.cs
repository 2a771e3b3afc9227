namespace Portal.Client.Formatting;

/// <summary>
/// The ends of a flow edge, in the reachability explainer's vocabulary: a container name, <c>host</c>, or
/// <c>external:ADDRESS</c>. The flow map folds every external end into one "outside" node.
/// </summary>
public static class FlowEnds
{
    public const string Host = "host";

    public const string ExternalPrefix = "external:";

    public static bool IsExternal(string end) => end.StartsWith(ExternalPrefix, StringComparison.Ordinal);

    public static bool IsHost(string end) => string.Equals(end, Host, StringComparison.Ordinal);

    public static bool IsContainer(string end) => !IsExternal(end) && !IsHost(end);

    /// <summary>The address of an external end ("external:203.0.113.7" gives "203.0.113.7"), else null.</summary>
    public static string? Address(string end) => IsExternal(end) ? end[ExternalPrefix.Length..] : null;

    /// <summary>How an end reads in a table: the address alone for an outside end.</summary>
    public static string Display(string end) => Address(end) ?? end;
}
