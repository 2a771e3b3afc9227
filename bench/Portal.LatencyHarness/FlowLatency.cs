using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Lab.Stack;

namespace Portal.LatencyHarness;

using Lab = Portal.Lab.Lab;

/// <summary>
/// From a new TCP connection to its edge's new count arriving on a browser's live hub connection (<c>FlowsChanged</c>),
/// over N connections. The connection goes from this process (the lab's physical bridge, 10.20.30.1) to a published
/// port of a container on docker1; the clock starts before the connect and stops when a FlowsChanged for docker1
/// carries the edge with the count this connection made. Connections are spaced by a random 0.6 to 1.1 s, so they fall
/// anywhere in the agent's half-second report cycle.
/// </summary>
internal static class FlowLatency
{
    public static async Task<IReadOnlyList<double>> MeasureAsync(int connections, CancellationToken ct)
    {
        var host = Lab.Docker1;
        await using var stack = await PortalStack.StartAsync([host], ct);
        var name = Lab.UniqueName("latf-");
        var hostPort = Random.Shared.Next(30000, 40000);
        await host.DockerAsync(["run", "-d", "--name", name, "-p", $"{hostPort}:7001", "busybox", "sh", "-c", "trap 'exit 0' TERM; nc -ll -p 7001 -e true & wait"], ct);
        try
        {
            await PortalSession.EventuallyAsync(
                async t => (await stack.Admin.GetJsonAsync($"/api/hosts/{host.Name}/containers", t)).AsArray().Any(c => c!["name"]!.GetValue<string>() == name) ? (bool?)true : null,
                TimeSpan.FromSeconds(30),
                $"{name} in the state of {host.Name}",
                ct);

            var counts = Channel.CreateUnbounded<(long Count, long Ticks)>();
            var from = "external:" + Lab.PortalAddress;
            await using var live = new HubConnectionBuilder()
                .WithUrl(new Uri(stack.Url, "/hubs/live"), o => o.Headers["Cookie"] = stack.Admin.Cookies.GetCookieHeader(stack.Url))
                .Build();
            live.On<JsonObject>("FlowsChanged", change =>
            {
                var ticks = Stopwatch.GetTimestamp();
                foreach (var edge in change["edges"]!.AsArray())
                {
                    if (edge!["from"]!.GetValue<string>() == from && edge["to"]!.GetValue<string>() == name && edge["port"]!.GetValue<int>() == 7001)
                    {
                        counts.Writer.TryWrite((edge["count"]!.GetValue<long>(), ticks));
                    }
                }
            });
            await live.StartAsync(ct);
            await live.InvokeAsync("Watch", host.Name, ct);

            var latencies = new List<double>();
            for (var i = 1; i <= connections; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(600 + Random.Shared.Next(500)), ct);
                var started = Stopwatch.GetTimestamp();
                using (var tcp = new TcpClient())
                {
                    await tcp.ConnectAsync(host.PhysicalAddress, hostPort, ct);
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                while (true)
                {
                    var (count, at) = await counts.Reader.ReadAsync(timeout.Token);
                    if (count >= i)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
                        break;
                    }
                }
            }

            return latencies;
        }
        finally
        {
            await host.TryDockerAsync(["rm", "-f", name], CancellationToken.None);
        }
    }
}
