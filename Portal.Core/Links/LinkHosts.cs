using Portal.Contracts.Model;

namespace Portal.Core.Links;

/// <summary>The /etc/hosts line Docker writes into a parent for a legacy link (moby daemon/container_operations.go).</summary>
public static class LinkHosts
{
    /// <summary>
    /// <c>childIpv4 alias childHostname [childName]</c>: the child's name is added only when it differs from the alias.
    /// <paramref name="childName"/> may carry Docker's leading "/".
    /// </summary>
    public static HostsEntry Line(string alias, string childIpv4, string childHostname, string childName)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentException.ThrowIfNullOrEmpty(childIpv4);
        var name = childName.TrimStart('/');
        var names = new List<string>(3) { alias, childHostname };
        if (alias != name)
        {
            names.Add(name);
        }

        return new HostsEntry(childIpv4, names);
    }
}
