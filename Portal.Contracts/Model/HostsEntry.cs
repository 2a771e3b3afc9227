namespace Portal.Contracts.Model;

/// <summary>One line of a container's /etc/hosts.</summary>
public sealed record HostsEntry(string Address, IReadOnlyList<string> Names);
