using System.Net.Sockets;
using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Flows;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Live flows against ground truth: the test makes a known number of connections in the lab (between two containers of
/// a network, from the physical network to a published port, UDP datagrams) and the agent's conntrack watch must report
/// exactly those counts, on the ports the receivers saw.
/// </summary>
// It starts a container on a default bridge: the tests that count on who holds which default-bridge address must not
// run beside it.
[Collection(nameof(DefaultBridgeAddresses))]
public sealed class FlowScenarioTests(ScenarioStack fixture)
{
    private const int ContainerConnections = 5;
    private const int PublishedConnections = 3;
    private const int UdpFlows = 2;

    [Fact]
    public async Task Connections_KnownNumber_EdgesWithExactCountsAndPortsAfterDnat()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Docker1;
        var api = new PortalApi(fixture.Stack.Admin, host.Name);
        var p = Lab.UniqueName("flw-");
        var (net, server, client, published) = ($"{p}-net", $"{p}-srv", $"{p}-cli", $"{p}-pub");
        var hostPort = Lab.HostPort();
        try
        {
            await host.DockerAsync(["network", "create", net], ct);
            await host.DockerAsync(["run", "-d", "--name", server, "--network", net, "busybox", "sh", "-c", "trap 'exit 0' TERM; nc -ll -p 7000 -e echo hi & wait"], ct);
            await host.DockerAsync(["run", "-d", "--name", client, "--network", net, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await host.DockerAsync(["run", "-d", "--name", published, "-p", $"{hostPort}:7001", "busybox", "sh", "-c", "trap 'exit 0' TERM; nc -ll -p 7001 -e echo hi & wait"], ct);
            await api.WaitContainersAsync(ct, server, client, published);
            var serverIp = (await ChangeLab.AddressAsync(host, server, net, ct))!;

            await host.DockerAsync(["exec", client, "sh", "-c", $"for i in $(seq {ContainerConnections}); do nc -w 2 {serverIp} 7000 </dev/null; done"], ct);
            for (var i = 0; i < PublishedConnections; i++)
            {
                // The test runs in the root namespace, on the lab's physical bridge (10.20.30.1).
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(host.PhysicalAddress, hostPort, ct);
            }

            var pid = (await host.DockerAsync(["inspect", "-f", "{{.State.Pid}}", client], ct)).Trim();
            var udp = $"import socket\nfor i in range({UdpFlows}):\n    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    s.sendto(b'hi', ('{serverIp}', 7002))\n    s.close()";
            await LabCommand.CheckedAsync("nsenter", [$"--net=/proc/{pid}/ns/net", "python3", "-c", udp], ct);

            var expected = new[]
            {
                (From: client, To: server, Port: 7000, Proto: "tcp", Network: (string?)net, Count: ContainerConnections),
                (From: "external:10.20.30.1", To: published, Port: 7001, Proto: "tcp", Network: null, Count: PublishedConnections),
                (From: client, To: server, Port: 7002, Proto: "udp", Network: net, Count: UdpFlows),
            };
            JsonArray edges = [];
            await Poll.UntilAsync(
                async t =>
                {
                    edges = (JsonArray)await fixture.Stack.Admin.GetJsonAsync($"/api/hosts/{host.Name}/flows", t);
                    return expected.All(x => Find(edges, x.From, x.To, x.Port, x.Proto) is { } e && e["count"]!.GetValue<long>() >= x.Count);
                },
                TimeSpan.FromSeconds(15),
                () => Task.FromResult($"flows of {host.Name}:\n{edges.ToJsonString()}"),
                ct);

            // Two report intervals more: nothing counted twice, nothing late.
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
            edges = (JsonArray)await fixture.Stack.Admin.GetJsonAsync($"/api/hosts/{host.Name}/flows", ct);
            foreach (var x in expected)
            {
                var edge = Find(edges, x.From, x.To, x.Port, x.Proto)!;
                Assert.Equal(x.Count, edge["count"]!.GetValue<long>());
                Assert.Equal(x.Network, edge["network"]?.GetValue<string>());
            }

            // Nobody dialled the host port itself from a container's view: the published edge is on the container's port only.
            Assert.Null(Find(edges, "external:10.20.30.1", published, hostPort, "tcp"));
        }
        finally
        {
            await ChangeLab.RemoveContainersAsync(host, p, CancellationToken.None);
            await host.TryDockerAsync(["network", "rm", net], CancellationToken.None);
        }
    }

    private static JsonNode? Find(JsonArray edges, string from, string to, int port, string proto) =>
        edges.FirstOrDefault(e => e!["from"]!.GetValue<string>() == from && e["to"]!.GetValue<string>() == to
            && e["port"]!.GetValue<int>() == port && e["proto"]!.GetValue<string>() == proto);
}
