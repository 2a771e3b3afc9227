using Portal.Core.Links;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Links;

public sealed class LinkEnvironmentTests
{
    [Fact]
    public void Variables_LabLinkWithRangesAndEnv_EqualDockerExecEnvInOrder()
    {
        // Lab, dockerd 20.10: core-child exposes 80, 53/udp, 8000-8002, 9000-9001, 8001/udp, 7000-7002/udp, 79/udp with
        // env my-var, FOO, HOME, SPACED, EMPTY; core-parent runs with --link core-child:core-db; then `docker exec core-parent env`.
        var child = InspectModel.Containers(Captures.Read("core-link-inspect.json")).Single(c => c.Name == "core-child");
        var expected = Captures.Lines("core-link-parent-env.txt")
            .Where(l => !l.StartsWith("PATH=", StringComparison.Ordinal) && !l.StartsWith("HOSTNAME=", StringComparison.Ordinal) && !l.StartsWith("HOME=", StringComparison.Ordinal))
            .ToList();

        var variables = LinkEnvironment.Variables(
            "core-parent",
            "core-db",
            child.Endpoints.Single().Ipv4!,
            child.Exposed,
            child.Env.Select(e => $"{e.Name}={e.Value}").ToList());

        Assert.Equal(expected, variables.Select(v => $"{v.Key}={v.Value}"));
    }

    [Fact]
    public void Variables_RunsThatMixProtocolsOrSkipANumber_FollowDockersCountingExactly()
    {
        // Lab, dockerd 20.10: core-qchild exposes 5000, 5001, 5001/udp, 5003, 6000, 6001/udp, 6002, 6003/udp; parent links
        // it as q. Docker counts a run by position, not by protocol: 5000-5003 is a "range" although 5002 is missing,
        // and 6000-6003 is one across tcp and udp, its end named after the end port's protocol (Q_PORT_6000_UDP_END).
        var child = InspectModel.Containers(Captures.Read("core-quirk-child-inspect.json")).Single();
        var expected = Captures.Lines("core-quirk-parent-env.txt")
            .Where(l => l.StartsWith("Q_", StringComparison.Ordinal))
            .ToList();

        var variables = LinkEnvironment.Variables("core-qparent", "q", child.Endpoints.Single().Ipv4!, child.Exposed, child.Env.Select(e => $"{e.Name}={e.Value}").ToList());

        Assert.Equal(expected, variables.Select(v => $"{v.Key}={v.Value}"));
        Assert.Contains("Q_PORT_6000_UDP_END=udp://172.17.0.2:6003", expected);
    }

    [Fact]
    public void Variables_LowestPortWithTie_TcpIsTheDefaultPort()
    {
        var variables = LinkEnvironment.Variables("/client", "web", "172.17.0.2", ["53/udp", "53/tcp", "80/tcp"], []);

        Assert.Equal("tcp://172.17.0.2:53", Value(variables, "WEB_PORT"));
        Assert.Equal(
            ["WEB_PORT", "WEB_PORT_53_TCP", "WEB_PORT_53_TCP_ADDR", "WEB_PORT_53_TCP_PORT", "WEB_PORT_53_TCP_PROTO",
             "WEB_PORT_53_UDP", "WEB_PORT_53_UDP_ADDR", "WEB_PORT_53_UDP_PORT", "WEB_PORT_53_UDP_PROTO",
             "WEB_PORT_80_TCP", "WEB_PORT_80_TCP_ADDR", "WEB_PORT_80_TCP_PORT", "WEB_PORT_80_TCP_PROTO", "WEB_NAME"],
            variables.Select(v => v.Key));
        Assert.Equal("/client/web", Value(variables, "WEB_NAME"));
    }

    [Fact]
    public void Variables_TwoContiguousPorts_GiveNoRange()
    {
        var variables = LinkEnvironment.Variables("client", "web", "172.17.0.2", ["9000/tcp", "9001/tcp"], []);

        Assert.DoesNotContain(variables, v => v.Key.EndsWith("_START", StringComparison.Ordinal));
    }

    [Fact]
    public void Variables_ThreeContiguousPorts_GiveRangeVariables()
    {
        var variables = LinkEnvironment.Variables("client", "my-db", "10.0.0.5", ["5000/tcp", "5001/tcp", "5002/tcp", "5003/tcp"], []);

        Assert.Equal("tcp://10.0.0.5:5000", Value(variables, "MY_DB_PORT_5000_TCP_START"));
        Assert.Equal("5000", Value(variables, "MY_DB_PORT_5000_TCP_PORT_START"));
        Assert.Equal("tcp://10.0.0.5:5003", Value(variables, "MY_DB_PORT_5000_TCP_END"));
        Assert.Equal("5003", Value(variables, "MY_DB_PORT_5000_TCP_PORT_END"));
        Assert.Equal("tcp", Value(variables, "MY_DB_PORT_5000_TCP_PROTO"));
    }

    [Fact]
    public void Variables_NoExposedPorts_GiveOnlyNameAndEnv()
    {
        var variables = LinkEnvironment.Variables("client", "web", "172.17.0.2", [], ["PATH=/bin", "HOME=/root", "A=1=2", "NOVALUE"]);

        Assert.Equal([new("WEB_NAME", "/client/web"), new("WEB_ENV_A", "1=2")], variables);
    }

    [Fact]
    public void Line_LabLink_EqualsTheParentsHostsLine()
    {
        // The link line of core-parent's real /etc/hosts: "172.17.0.2<TAB>core-db core-child-host core-child".
        var line = Captures.Lines("core-link-parent-hosts.txt").Single(l => l.StartsWith("172.17.0.2\t", StringComparison.Ordinal));
        var parts = line.Split('\t');

        var entry = LinkHosts.Line("core-db", "172.17.0.2", "core-child-host", "/core-child");

        Assert.Equal(parts[0], entry.Address);
        Assert.Equal(parts[1].Split(' '), entry.Names);
    }

    [Fact]
    public void Line_AliasEqualsName_NamesTheChildOnce()
    {
        var entry = LinkHosts.Line("web", "172.17.0.4", "ed2b1d66f996", "/web");

        Assert.Equal(["web", "ed2b1d66f996"], entry.Names);
    }

    private static string? Value(IReadOnlyList<KeyValuePair<string, string>> variables, string name) =>
        variables.Where(v => v.Key == name).Select(v => v.Value).SingleOrDefault();
}
