using Portal.Client.Live;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Fakes;

/// <summary>
/// The classic picture as test data, written out by hand: docker1 runs web (-p 8080:80) and client (--link web:web),
/// docker2 runs db; web and db both hold 172.17.0.2 because every docker0 is 172.17.0.0/16.
/// </summary>
public static class ClassicPicture
{
    public static readonly Bridge Docker0 = new(
        "docker0", "bridge", "net1", "172.17.0.0/16", "172.17.0.1", Icc: false, Masquerade: true, Mtu: 1500,
        [new BridgeInterface("veth1a2b3c", 7, "web", "eth0"), new BridgeInterface("veth4d5e6f", 9, "client", "eth0")]);

    public static readonly Container Web = new(
        "id-web", "web", "busybox:latest", "running", "webhost",
        [new Endpoint("bridge", "172.17.0.2", "02:42:ac:11:00:02", [])],
        [new PortBinding(80, "tcp", "0.0.0.0", 8080)],
        ["80/tcp"],
        [],
        [new EnvVariable("PATH", "/bin", EnvSource.Image)],
        [new HostsEntry("127.0.0.1", ["localhost"]), new HostsEntry("172.17.0.2", ["webhost"])]);

    public static readonly Container Client = new(
        "id-client", "client", "busybox:latest", "running", "clienthost",
        [new Endpoint("bridge", "172.17.0.3", "02:42:ac:11:00:03", [])],
        [],
        [],
        [new ContainerLink("/web", "web")],
        [
            new EnvVariable("PATH", "/bin", EnvSource.Image),
            // As the server sends them: masked at ingest, the real values only behind a reveal.
            new EnvVariable("DB_PASSWORD", "********", EnvSource.User, Masked: true),
            new EnvVariable("api_token", "********", EnvSource.User, Masked: true),
            new EnvVariable("WEB_PORT_80_TCP_ADDR", "172.17.0.2", EnvSource.Link),
        ],
        [
            new HostsEntry("127.0.0.1", ["localhost"]),
            new HostsEntry("172.17.0.2", ["web", "webhost"]),
            new HostsEntry("172.17.0.3", ["clienthost"]),
        ]);

    public static readonly Container Db = new(
        "id-db", "db", "busybox:latest", "running", "dbhost",
        [new Endpoint("bridge", "172.17.0.2", "02:42:ac:11:00:02", [])],
        [], [], [], [], []);

    public static readonly IReadOnlyList<Rule> Docker1Rules =
    [
        new("nat", "POSTROUTING", 1, "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE", new RuleOwner(RuleOwnerKind.Masquerade, Network: "bridge")),
        new("nat", "DOCKER", 1, "-A DOCKER -i docker0 -j RETURN", new RuleOwner(RuleOwnerKind.Docker)),
        new("nat", "DOCKER", 2, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80", new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp")),
        new("filter", "FORWARD", 1, "-A FORWARD -j DOCKER-USER", new RuleOwner(RuleOwnerKind.Docker)),
        new("filter", "FORWARD", 6, "-A FORWARD -i docker0 -o docker0 -j DROP", new RuleOwner(RuleOwnerKind.Icc, Network: "bridge")),
        new("filter", "DOCKER", 1, "-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", new RuleOwner(RuleOwnerKind.Link, Source: "client", Target: "web", Alias: "web", Port: "80/tcp")),
        new("filter", "DOCKER-USER", 1, "-A DOCKER-USER -s 10.9.9.9/32 -j DROP", new RuleOwner(RuleOwnerKind.DockerUser)),
    ];

    public static HostSummary Summary(string name, bool online, int containers) =>
        new(name, online, "20.10.24", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), containers, 1, 7);

    public static HostState Docker1State() =>
        new("docker1", Summary("docker1", true, 2), new HostSnapshot("docker1", 1, default, "20.10.24", "nf_tables", [Docker0], [Client, Web], Docker1Rules));
}
