namespace Portal.Contracts.Model;

/// <summary>A legacy <c>--link target:alias</c> held by the linking (parent, source) container.</summary>
public sealed record ContainerLink(string Target, string Alias);
