using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>Which parts of a container's files and rules come from links, and which rules concern it.</summary>
public static class LinkMarks
{
    /// <summary>A hosts line written by a link of this container: one of its names is a link alias.</summary>
    public static bool IsLinkLine(HostsEntry entry, Container container) =>
        entry.Names.Any(name => container.Links.Any(link => string.Equals(link.Alias, name, StringComparison.Ordinal)));

    public static bool IsLinkVariable(EnvVariable variable) =>
        string.Equals(variable.Source, EnvSource.Link, StringComparison.Ordinal);

    /// <summary>The links other containers hold to this one.</summary>
    public static IReadOnlyList<(string Source, ContainerLink Link)> LinksIn(string container, IEnumerable<Container> all) =>
        all.SelectMany(other => other.Links
                .Where(link => string.Equals(link.Target.TrimStart('/'), container, StringComparison.Ordinal))
                .Select(link => (other.Name, link)))
            .ToList();

    /// <summary>A rule concerns a container when its owner names it as owner, link source or link target.</summary>
    public static bool Concerns(Rule rule, string container) =>
        rule.Owner.Container == container || rule.Owner.Source == container || rule.Owner.Target == container;
}
