namespace Portal.Contracts.PortalRules;

/// <summary>New connections from <see cref="SourceIpv4"/> to <see cref="TargetIpv4"/> on <see cref="Port"/>/<see cref="Protocol"/> that a policy allows.</summary>
public sealed record PortalPolicyPair(string SourceIpv4, string TargetIpv4, int Port, string Protocol);
