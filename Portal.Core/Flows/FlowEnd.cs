namespace Portal.Core.Flows;

/// <summary>
/// What an address is on a host, in the reachability explainer's words: a container (its name, and the network the
/// address belongs to), <c>host</c>, or <c>external:ADDRESS</c> (<see cref="Network"/> null for the last two).
/// </summary>
public readonly record struct FlowEnd(string Name, string? Network)
{
    public const string Host = "host";

    public const string ExternalPrefix = "external:";

    public bool IsContainer => Network is not null;
}
