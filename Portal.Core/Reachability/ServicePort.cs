using System.Globalization;
using Portal.Contracts.Model;
using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>A port a container offers: each exposed port (<c>80/tcp</c>) and each published container port.</summary>
public readonly record struct ServicePort(int Port, TransportProtocol Protocol)
{
    public static IReadOnlyList<ServicePort> Of(Container container)
    {
        var ports = new SortedSet<ServicePort>(Comparer<ServicePort>.Create((a, b) => a.Port != b.Port ? a.Port.CompareTo(b.Port) : a.Protocol.CompareTo(b.Protocol)));
        foreach (var exposed in container.Exposed)
        {
            if (TryParse(exposed, out var port))
            {
                ports.Add(port);
            }
        }

        foreach (var binding in container.Ports)
        {
            if (TryProtocol(binding.Protocol, out var protocol) && binding.ContainerPort is > 0 and <= 65535)
            {
                ports.Add(new ServicePort(binding.ContainerPort, protocol));
            }
        }

        return [.. ports];
    }

    public static bool TryProtocol(string? text, out TransportProtocol protocol)
    {
        switch (text)
        {
            case "tcp":
                protocol = TransportProtocol.Tcp;
                return true;
            case "udp":
                protocol = TransportProtocol.Udp;
                return true;
            case "sctp":
                protocol = TransportProtocol.Sctp;
                return true;
            default:
                protocol = default;
                return false;
        }
    }

    private static bool TryParse(string text, out ServicePort port)
    {
        port = default;
        var slash = text.IndexOf('/');
        var number = slash < 0 ? text : text[..slash];
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535
            || !TryProtocol(slash < 0 ? "tcp" : text[(slash + 1)..], out var protocol))
        {
            return false;
        }

        port = new ServicePort(value, protocol);
        return true;
    }

    public override string ToString() => Port.ToString(CultureInfo.InvariantCulture) + "/" + OptionMatcher.Name(Protocol);
}
