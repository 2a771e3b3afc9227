using Portal.Contracts.Model;

namespace Portal.Contracts.Plans;

/// <summary>A line a change adds to or removes from a container's /etc/hosts.</summary>
public sealed record PlannedHostsLine(string Container, ChangeKind Change, string Address, IReadOnlyList<string> Names);
