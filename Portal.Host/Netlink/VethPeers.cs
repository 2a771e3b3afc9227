namespace Portal.Host.Netlink;

/// <summary>
/// Finds the container at the other end of a host-side veth: the container interface whose IFLA_LINK is our
/// veth's ifindex and whose own ifindex is our veth's IFLA_LINK. Checking both ends keeps two namespaces that
/// happen to reuse the same ifindex numbers from being confused.
/// </summary>
public static class VethPeers
{
    public static (string Container, string Interface)? Find(
        KernelLink hostVeth,
        IReadOnlyDictionary<string, IReadOnlyList<KernelLink>> containerLinks)
    {
        foreach (var (container, links) in containerLinks)
        {
            foreach (var link in links)
            {
                if (link.Link == hostVeth.Index && (hostVeth.Link is null || hostVeth.Link == link.Index))
                {
                    return (container, link.Name);
                }
            }
        }

        return null;
    }
}
