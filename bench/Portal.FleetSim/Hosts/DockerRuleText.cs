using System.Text;

namespace Portal.FleetSim.Hosts;

/// <summary>
/// The iptables-save text Docker 20.10 writes for one default bridge (docker0) and its containers' published ports:
/// the base plumbing (FORWARD jumps, isolation stages, the bridge's MASQUERADE), per port a filter DOCKER ACCEPT, a
/// hairpin MASQUERADE and a DNAT, and DOCKER-USER rules an operator added (filler to reach the wanted rule count).
/// The host's owners are then found by Portal.Core's own parser and ownership, as the agent does.
/// </summary>
public static class DockerRuleText
{
    public const string Bridge = "docker0";
    public const string Subnet = "172.17.0.0/16";

    /// <summary>Rules that do not depend on containers (everything but the ports and the DOCKER-USER filler).</summary>
    public const int BaseRules = 15;

    /// <summary>Rules per published port.</summary>
    public const int RulesPerPort = 3;

    public static string Render(IReadOnlyList<SimContainer> containers, int userRules)
    {
        var ports = containers.SelectMany(c => c.Ports.Select(p => (c.Ipv4, p.HostPort, p.ContainerPort))).ToList();
        var text = new StringBuilder(256 + (ports.Count * 300));
        text.Append("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n")
            .Append(":DOCKER-ISOLATION-STAGE-1 - [0:0]\n:DOCKER-ISOLATION-STAGE-2 - [0:0]\n:DOCKER-USER - [0:0]\n")
            .Append("-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-ISOLATION-STAGE-1\n")
            .Append("-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n")
            .Append("-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A FORWARD -i docker0 -o docker0 -j ACCEPT\n");
        foreach (var (ip, _, containerPort) in ports)
        {
            text.Append("-A DOCKER -d ").Append(ip).Append("/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport ").Append(containerPort).Append(" -j ACCEPT\n");
        }

        text.Append("-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2\n-A DOCKER-ISOLATION-STAGE-1 -j RETURN\n")
            .Append("-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP\n-A DOCKER-ISOLATION-STAGE-2 -j RETURN\n");
        for (var i = 0; i < userRules; i++)
        {
            text.Append("-A DOCKER-USER -s 10.").Append(100 + (i / 250)).Append('.').Append(i % 250).Append(".0/24 -j DROP\n");
        }

        text.Append("-A DOCKER-USER -j RETURN\nCOMMIT\n")
            .Append("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n")
            .Append("-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n")
            .Append("-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n");
        foreach (var (ip, _, containerPort) in ports)
        {
            text.Append("-A POSTROUTING -s ").Append(ip).Append("/32 -d ").Append(ip).Append("/32 -p tcp -m tcp --dport ").Append(containerPort).Append(" -j MASQUERADE\n");
        }

        text.Append("-A DOCKER -i docker0 -j RETURN\n");
        foreach (var (ip, hostPort, containerPort) in ports)
        {
            text.Append("-A DOCKER ! -i docker0 -p tcp -m tcp --dport ").Append(hostPort).Append(" -j DNAT --to-destination ").Append(ip).Append(':').Append(containerPort).Append('\n');
        }

        return text.Append("COMMIT\n").ToString();
    }
}
