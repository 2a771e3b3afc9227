using Microsoft.Extensions.Logging.Abstractions;
using Portal.Contracts.Commands;
using Portal.Contracts.PortalRules;
using Portal.Host.Commands;
using Portal.Host.Docker;
using Portal.Host.Iptables;

namespace Portal.Host.Tests.Commands;

/// <summary>
/// Every bad field is refused with 400 naming it, before anything is touched: the executor here has a Docker socket
/// and iptables programs that do not exist, so any attempt to act would answer 502 or throw instead.
/// </summary>
public sealed class CommandValidationTests
{
    public static TheoryData<string, AgentCommand, string> BadCommands() => new()
    {
        { "container name", new RecreateContainerCommand("bad name", [], [], [new PortSpec(80, "tcp", 8080, null)], []), "container" },
        { "nothing to change", new RecreateContainerCommand("client", [], [], [], []), "container" },
        { "link target", new RecreateContainerCommand("client", [new LinkSpec("-web", "web")], [], [], []), "addLinks" },
        { "link alias", new RecreateContainerCommand("client", [new LinkSpec("web", "we_b")], [], [], []), "addLinks" },
        { "alias twice", new RecreateContainerCommand("client", [new LinkSpec("web", "a"), new LinkSpec("db", "a")], [], [], []), "addLinks" },
        { "removed alias", new RecreateContainerCommand("client", [], ["bad alias"], [], []), "removeLinkAliases" },
        { "container port", new RecreateContainerCommand("client", [], [], [new PortSpec(0, "tcp", 8080, null)], []), "addPorts" },
        { "host port", new RecreateContainerCommand("client", [], [], [new PortSpec(80, "tcp", 65536, null)], []), "addPorts" },
        { "protocol", new RecreateContainerCommand("client", [], [], [new PortSpec(80, "icmp", 8080, null)], []), "addPorts" },
        { "host address", new RecreateContainerCommand("client", [], [], [new PortSpec(80, "tcp", 8080, "::1")], []), "addPorts" },
        { "host port twice", new RecreateContainerCommand("client", [], [], [new PortSpec(80, "tcp", 8080, null), new PortSpec(81, "tcp", 8080, null)], []), "addPorts" },
        { "removed port", new RecreateContainerCommand("client", [], [], [], [new PortSpec(80, "tcp", -1, null)]), "removePorts" },
        { "network name", new CreateNetworkCommand("a", null, null, true, true, null), "name" },
        { "subnet", new CreateNetworkCommand("appnet", "172.30.0.1/24", null, true, true, null), "subnet" },
        { "gateway outside", new CreateNetworkCommand("appnet", "172.30.0.0/24", "172.31.0.1", true, true, null), "gateway" },
        { "gateway without subnet", new CreateNetworkCommand("appnet", null, "172.31.0.1", true, true, null), "gateway" },
        { "mtu", new CreateNetworkCommand("appnet", null, null, true, true, 20), "mtu" },
        { "removed network", new RemoveNetworkCommand("bad/name"), "name" },
        { "connect network", new ConnectCommand("bad net", "client", null, null), "network" },
        { "connect container", new ConnectCommand("appnet", "", null, null), "container" },
        { "connect alias", new ConnectCommand("appnet", "client", "a.b", null), "alias" },
        { "connect address", new ConnectCommand("appnet", "client", null, "172.30.0.300"), "ipv4" },
        { "connect link", new ConnectCommand("appnet", "client", null, null, [new LinkSpec("web", "")]), "links" },
        { "disconnect container", new DisconnectCommand("appnet", "x y"), "container" },
        { "bridge name", new ApplyPortalRulesCommand(new PortalRuleSet([new PortalBridgePolicy("docker0 -j ACCEPT", false)], [])), "bridges" },
        { "pair address", new ApplyPortalRulesCommand(new PortalRuleSet([], [new PortalLinkPair("docker0", "172.17.0.2/32", "172.17.0.3", 80, "tcp")])), "links" },
        { "pair port", new ApplyPortalRulesCommand(new PortalRuleSet([], [new PortalLinkPair("docker0", "172.17.0.2", "172.17.0.3", 0, "tcp")])), "links" },
        { "no stale rules", new RemoveStaleRulesCommand([]), "rules" },
        { "stale rule of another chain", new RemoveStaleRulesCommand(["-A FORWARD -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"]), "rules" },
        { "stale rule with another verdict", new RemoveStaleRulesCommand(["-A DOCKER -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j DROP"]), "rules" },
        { "stale rule with two bridges", new RemoveStaleRulesCommand(["-A DOCKER -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o br-1 -p tcp -m tcp --dport 80 -j ACCEPT"]), "rules" },
        { "stale rule with extra options", new RemoveStaleRulesCommand(["-A DOCKER -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT -m comment --comment x"]), "rules" },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task Execute_BadField_400NamingFieldNothingRun(string why, AgentCommand command, string field)
    {
        using var docker = DockerClientFactory.Create(new Uri("unix:///nonexistent/chg-docker.sock"));
        var executor = new CommandExecutor(docker, new IptablesBackend("nf_tables", "/nonexistent/iptables-save"), new ActiveCommands(), NullLogger.Instance);
        var result = await executor.ExecuteAsync(command, TestContext.Current.CancellationToken);
        Assert.True(result.Status == 400, $"{why}: {result.Status} {result.Error}");
        Assert.StartsWith($"{field}: ", result.Error);
        Assert.Empty(result.Steps);
    }

    [Fact]
    public void IsLinkPairRule_DockerShapes_Accepted()
    {
        Assert.True(StaleLinkRule.IsLinkPairRule("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"));
        Assert.True(StaleLinkRule.IsLinkPairRule("-A DOCKER -s 172.17.0.3/32 -d 172.17.0.4/32 -i docker0 -o docker0 -p udp -m udp --sport 53 -j ACCEPT"));
        Assert.False(StaleLinkRule.IsLinkPairRule("-A DOCKER -s 172.17.0.3/32 -d 172.17.0.4/32 -i docker0 -o docker0 -p udp -m tcp --sport 53 -j ACCEPT"));
        Assert.False(StaleLinkRule.IsLinkPairRule("-A DOCKER -s 172.17.0.3/32 -d 172.17.0.4/32 -i docker0 -o docker0 -p tcp -m tcp --sport 70000 -j ACCEPT"));
    }
}
