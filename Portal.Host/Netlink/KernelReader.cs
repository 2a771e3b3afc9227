using Microsoft.Extensions.Logging;

namespace Portal.Host.Netlink;

/// <summary>Reads the kernel's side of the host: our links and addresses, and the links inside each running container.</summary>
public sealed class KernelReader(ILogger logger)
{
    /// <param name="containerPids">Container name to the PID of its first process, for running containers.</param>
    public async Task<KernelView> ReadAsync(IReadOnlyDictionary<string, long> containerPids, CancellationToken cancellationToken)
    {
        IReadOnlyList<KernelLink> links;
        IReadOnlyList<KernelAddress> addresses;
        using (var socket = NetlinkSocket.Open(receiveTimeout: TimeSpan.FromSeconds(5)))
        {
            links = LinkReader.Links(socket);
            addresses = LinkReader.Addresses(socket);
        }

        var containerLinks = new Dictionary<string, IReadOnlyList<KernelLink>>(StringComparer.Ordinal);
        foreach (var (name, pid) in containerPids)
        {
            try
            {
                containerLinks[name] = await LinkReader.LinksInAsync($"/proc/{pid}/ns/net", cancellationToken);
            }
            catch (IOException e)
            {
                // The container stopped between inspect and now: its veth is gone too, nothing to match.
                logger.LogInformation("Could not read the links of {Container} (pid {Pid}): {Error}", name, pid, e.Message);
            }
        }

        return new KernelView(links, addresses, containerLinks);
    }
}
