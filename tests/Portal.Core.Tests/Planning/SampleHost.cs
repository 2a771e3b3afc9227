using Portal.Contracts.Model;
using Portal.Core.Plans;

namespace Portal.Core.Tests.Planning;

/// <summary>
/// The classic picture on one host, as the agent reports it: docker0 with ICC off (daemon --icc=false), web
/// exposing 80/tcp and 53/udp and publishing 8080, client and db unlinked, and a user-defined appnet.
/// </summary>
internal static class SampleHost
{
    public static Container Container(string name, string ip, string[]? exposed = null, PortBinding[]? ports = null, ContainerLink[]? links = null, Endpoint[]? more = null, string state = "running") =>
        new(
            Id: name.PadRight(64, '0'),
            Name: name,
            Image: "busybox:latest",
            State: state,
            Hostname: name + "-host",
            Endpoints: [new Endpoint("bridge", ip, "02:42:ac:11:00:02", []), .. more ?? []],
            Ports: ports ?? [],
            Exposed: exposed ?? [],
            Links: links ?? [],
            Env: [new EnvVariable("PATH", "/usr/bin:/bin", EnvSource.Image), new EnvVariable("GREETING", "hi", EnvSource.User)],
            Hosts: []);

    public static HostState State(bool icc = false, params Container[] extra)
    {
        var bridges = new List<Bridge>
        {
            new("docker0", "bridge", "n1", "172.17.0.0/16", "172.17.0.1", icc, true, 1500, []),
            new("br-0123456789ab", "appnet", "n2", "172.30.0.0/24", "172.30.0.1", true, true, 1500, []),
        };
        var containers = new List<Container>
        {
            Container("web", "172.17.0.2", ["80/tcp", "53/udp"], [new PortBinding(80, "tcp", "0.0.0.0", 8080)]),
            Container("client", "172.17.0.3"),
            Container("db", "172.17.0.4", ["5432/tcp"], more: [new Endpoint("appnet", "172.30.0.2", null, [])]),
        };
        containers.AddRange(extra);
        return new HostState(new HostSnapshot("docker1", 1, DateTimeOffset.UnixEpoch, "20.10.24", "nf_tables", bridges, containers, []));
    }
}
