using Portal.Core.Model;

namespace Portal.Core.Plans;

/// <summary>
/// The rules Docker 20.10 writes for a published port and for a legacy link under ICC off, as iptables-save prints
/// them (notes/docker-networking.md §1). Used to predict a plan's effects; ownership recognises the same shapes.
/// </summary>
public static class DockerRuleShapes
{
    public static IReadOnlyList<PlannedRule> PublishedPort(string bridge, string containerIpv4, PortBinding port, string change)
    {
        var p = port.Protocol;
        var destination = string.IsNullOrEmpty(port.HostIp) || port.HostIp == "0.0.0.0" ? string.Empty : $"-d {port.HostIp}/32 ";
        return
        [
            new("filter", "DOCKER", change, $"-A DOCKER -d {containerIpv4}/32 ! -i {bridge} -o {bridge} -p {p} -m {p} --dport {port.ContainerPort} -j ACCEPT"),
            new("nat", "POSTROUTING", change, $"-A POSTROUTING -s {containerIpv4}/32 -d {containerIpv4}/32 -p {p} -m {p} --dport {port.ContainerPort} -j MASQUERADE"),
            new("nat", "DOCKER", change, $"-A DOCKER {destination}! -i {bridge} -p {p} -m {p} --dport {port.HostPort} -j DNAT --to-destination {containerIpv4}:{port.ContainerPort}"),
        ];
    }

    public static IReadOnlyList<PlannedRule> LinkPair(string bridge, string parentIpv4, string childIpv4, int port, string protocol, string change) =>
    [
        new("filter", "DOCKER", change, $"-A DOCKER -s {parentIpv4}/32 -d {childIpv4}/32 -i {bridge} -o {bridge} -p {protocol} -m {protocol} --dport {port} -j ACCEPT"),
        new("filter", "DOCKER", change, $"-A DOCKER -s {childIpv4}/32 -d {parentIpv4}/32 -i {bridge} -o {bridge} -p {protocol} -m {protocol} --sport {port} -j ACCEPT"),
    ];
}
