using Portal.Contracts.Commands;
using Portal.Core.Validation;

namespace Portal.Host.Commands;

/// <summary>Field checks shared by the commands that carry links and ports.</summary>
public static class LinkValidation
{
    public static void Check(IReadOnlyList<LinkSpec>? links, string field, ValidationErrors errors)
    {
        foreach (var link in links ?? [])
        {
            if (link is null)
            {
                errors.Add(field, "a link is null");
                continue;
            }

            if (!Names.IsContainerName(link.Target))
            {
                errors.Add(field, $"'{link.Target}' is not a container name");
            }

            if (!Names.IsDnsLabel(link.Alias))
            {
                errors.Add(field, $"'{link.Alias}' is not a DNS label");
            }
        }

        var duplicates = (links ?? []).Where(l => l is not null).GroupBy(l => l.Alias, StringComparer.Ordinal).Where(g => g.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            errors.Add(field, $"alias '{duplicate.Key}' is given twice");
        }
    }

    public static void Check(IReadOnlyList<PortSpec>? ports, string field, ValidationErrors errors)
    {
        foreach (var port in ports ?? [])
        {
            if (port is null)
            {
                errors.Add(field, "a port is null");
                continue;
            }

            if (!Ports.IsPort(port.ContainerPort))
            {
                errors.Add(field, $"container port {port.ContainerPort} is not between 1 and 65535");
            }

            if (!Ports.IsPort(port.HostPort))
            {
                errors.Add(field, $"host port {port.HostPort} is not between 1 and 65535");
            }

            if (!Ports.IsProtocol(port.Protocol))
            {
                errors.Add(field, $"protocol '{port.Protocol}' is not tcp, udp or sctp");
            }

            if (port.HostIp is not null && !Ipv4Cidr.TryParseAddress(port.HostIp, out _))
            {
                errors.Add(field, $"host address '{port.HostIp}' is not an IPv4 address");
            }
        }
    }
}
