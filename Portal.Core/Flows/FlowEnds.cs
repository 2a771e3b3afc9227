using System.Net;
using Portal.Contracts.Model;

namespace Portal.Core.Flows;

/// <summary>
/// Names the addresses of one host from its snapshot: each container endpoint's IPv4 and IPv6 address is that container
/// on that network; the bridges' gateways, the host's own interface addresses and loopback are <c>host</c>; anything
/// else is <c>external:ADDRESS</c>. Built once per snapshot, looked up once per connection.
/// </summary>
public sealed class FlowEnds
{
    private readonly Dictionary<IPAddress, FlowEnd> _known = [];

    public FlowEnds(HostSnapshot snapshot)
    {
        foreach (var bridge in snapshot.Bridges)
        {
            AddHost(bridge.Gateway);
        }

        foreach (var address in snapshot.Interfaces?.SelectMany(i => i.Addresses) ?? [])
        {
            AddHost(address.Address);
        }

        foreach (var container in snapshot.Containers)
        {
            foreach (var endpoint in container.Endpoints)
            {
                Add(endpoint.Ipv4, new FlowEnd(container.Name, endpoint.Network));
                Add(endpoint.Ipv6, new FlowEnd(container.Name, endpoint.Network));
                AddHost(endpoint.Gateway);
                AddHost(endpoint.Ipv6Gateway);
            }
        }
    }

    /// <summary>An empty map: every address but loopback is external (before the first snapshot).</summary>
    public static FlowEnds None { get; } = new(HostSnapshot.Empty(string.Empty));

    public FlowEnd Of(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_known.TryGetValue(address, out var end))
        {
            return end;
        }

        return IPAddress.IsLoopback(address) ? new FlowEnd(FlowEnd.Host, null) : new FlowEnd(FlowEnd.ExternalPrefix + address, null);
    }

    private void AddHost(string? address) => Add(address, new FlowEnd(FlowEnd.Host, null), replace: false);

    private void Add(string? text, FlowEnd end, bool replace = true)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var slash = text.IndexOf('/');
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address))
        {
            return;
        }

        if (replace)
        {
            _known[address] = end;
        }
        else
        {
            _known.TryAdd(address, end);
        }
    }
}
