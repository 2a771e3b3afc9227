namespace Portal.Contracts.Reachability;

/// <summary>
/// An address translation on the path: <see cref="Kind"/> is dnat, snat, masquerade or redirect; <see cref="Before"/>
/// and <see cref="After"/> are <c>address:port</c> of the translated side (destination for dnat/redirect, source else).
/// </summary>
public sealed record Translation(string Kind, string Table, string Chain, string Rule, string Before, string After);
