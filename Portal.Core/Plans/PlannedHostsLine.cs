namespace Portal.Core.Plans;

/// <summary>A line a change adds to or removes from a container's /etc/hosts.</summary>
public sealed record PlannedHostsLine(string Container, string Change, string Address, IReadOnlyList<string> Names);
