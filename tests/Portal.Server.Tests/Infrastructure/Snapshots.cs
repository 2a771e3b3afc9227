using Portal.Contracts.Model;

namespace Portal.Server.Tests.Infrastructure;

/// <summary>Snapshots shaped like the lab's default host: docker0, a web container publishing 8080, Docker's rules.</summary>
public static class Snapshots
{
    public static HostSnapshot Classic(string host, long sequence = 0) => new(
        host,
        sequence,
        DateTimeOffset.UtcNow,
        "20.10.24",
        "nf_tables",
        [new Bridge("docker0", "bridge", "n1", "172.17.0.0/16", "172.17.0.1", false, true, 1500,
            [new BridgeInterface("veth1a2b3c", 7, "web", "eth0")])],
        [Web()],
        [
            new Rule("nat", "POSTROUTING", 1, "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
                new RuleOwner(RuleOwnerKind.Masquerade, Network: "bridge")),
            new Rule("nat", "DOCKER", 1, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
                new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp")),
            new Rule("filter", "FORWARD", 1, "-A FORWARD -j DOCKER-USER", new RuleOwner(RuleOwnerKind.Docker)),
        ]);

    public static Container Web() => Container("web", "c0ffee01", "172.17.0.2");

    public static Container Container(string name, string id, string ipv4) => new(
        id,
        name,
        "busybox:latest",
        "running",
        name,
        [new Endpoint("bridge", ipv4, "02:42:ac:11:00:02", [])],
        [new PortBinding(80, "tcp", "0.0.0.0", 8080)],
        ["80/tcp"],
        [],
        [new EnvVariable("PATH", "/bin", EnvSource.Image)],
        [new HostsEntry(ipv4, [name])]);
}
