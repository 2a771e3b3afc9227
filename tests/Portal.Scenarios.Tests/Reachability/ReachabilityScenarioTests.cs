using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Reachability;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Issue 12: every verdict of <c>GET /api/hosts/{host}/reachability</c> against a real probe on docker2 (daemon
/// --icc=false). Eight containers on three bridges: the default bridge (ICC off) with a legacy link and two published
/// ports, a user network with ICC on (an alias, a published port, a manual DOCKER-USER deny), a user network with ICC
/// off, and one container on both user networks. Every ordered pair on every port the destination exposes (TCP with
/// busybox nc, UDP with <see cref="UdpProbe"/>), the physical network to every published port, every container to every
/// published port of the host, and the host itself to every container port are probed and compared.
/// </summary>
public sealed class ReachabilityScenarioTests(ScenarioStack fixture)
{
    private static readonly LabHost Host = Lab.Docker2;

    [Fact]
    public async Task EveryPrediction_EqualsItsProbe()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        var p = Lab.UniqueName("rch-");
        var (open, closed) = ($"{p}-open", $"{p}-closed");
        var (webTcp, webUdp, apiTcp) = (Lab.HostPort(), Lab.HostPort(), Lab.HostPort());
        var servers = new List<Process>();
        string? deny = null;
        try
        {
            await Host.DockerAsync(["network", "create", open], ct);
            await Host.DockerAsync(["network", "create", "-o", "com.docker.network.bridge.enable_icc=false", closed], ct);
            var containers = new (string Name, string[] Run, int[] Tcp, int[] Udp)[]
            {
                ($"{p}-web", ["-p", $"{webTcp}:80", "-p", $"{webUdp}:53/udp", "--expose", "9000"], [80, 9000], [53]),
                ($"{p}-client", ["--link", $"{p}-web:web", "--expose", "80"], [80], []),
                ($"{p}-other", ["--expose", "9000"], [9000], []),
                ($"{p}-api", ["--network", open, "--network-alias", "api", "-p", $"{apiTcp}:80"], [80], []),
                ($"{p}-worker", ["--network", open, "--expose", "9000", "--expose", "53/udp"], [9000], [53]),
                ($"{p}-cache", ["--network", open, "--expose", "80"], [80], []),
                ($"{p}-db", ["--network", closed, "--expose", "80", "--expose", "53/udp"], [80], [53]),
                ($"{p}-job", ["--network", closed, "--expose", "9000"], [9000], []),
            };
            foreach (var (name, run, tcp, _) in containers)
            {
                await Host.DockerAsync(["run", "-d", "--name", name, .. run, "busybox", "sh", "-c", Listen(tcp)], ct);
            }

            await Host.DockerAsync(["network", "connect", closed, $"{p}-cache"], ct);
            var seen = new Dictionary<string, Seen>(StringComparer.Ordinal);
            foreach (var (name, _, tcp, udp) in containers)
            {
                seen[name] = await SeenAsync(name, tcp, udp, ct);
                foreach (var port in udp)
                {
                    servers.Add(UdpProbe.Serve(seen[name].Pid, port));
                }
            }

            // The manual deny: worker -> api:80 over a network with ICC on.
            deny = $"-s {seen[$"{p}-worker"].Addresses[open]}/32 -d {seen[$"{p}-api"].Addresses[open]}/32 -p tcp -m tcp --dport 80 -m comment --comment {p} -j DROP";
            await Host.InNamespaceAsync("iptables", ["-I", "DOCKER-USER", .. deny.Split(' ')], ct);

            await Poll.UntilAsync(
                async t =>
                {
                    var state = await api.Session.GetJsonAsync($"/api/hosts/{Host.Name}/state", t);
                    var names = state["containers"]!.AsArray().Where(c => c!["endpoints"]!.AsArray().Count > 0).Select(c => c!["name"]!.GetValue<string>()).ToHashSet();
                    var cache = state["containers"]!.AsArray().FirstOrDefault(c => c!["name"]!.GetValue<string>() == $"{p}-cache");
                    return containers.All(c => names.Contains(c.Name)) && cache?["endpoints"]!.AsArray().Count == 2
                        && state["rules"]!.AsArray().Any(r => r!["text"]!.GetValue<string>().Contains(p, StringComparison.Ordinal));
                },
                TimeSpan.FromSeconds(30),
                "the portal shows every container (cache on both networks) and the DOCKER-USER deny",
                ct);

            var checks = new List<Check>();
            foreach (var from in containers.Select(c => seen[c.Name]))
            {
                foreach (var to in containers.Select(c => seen[c.Name]).Where(t => t != from))
                {
                    var address = to.AddressFrom(from);
                    checks.AddRange(to.Tcp.Select(port => new Check(from.Name, address, port, "tcp", InContainer(from))));
                    checks.AddRange(to.Udp.Select(port => new Check(from.Name, address, port, "udp", InContainer(from))));
                }

                // Every published port of the host, from inside (docker-proxy answers for the bridge's own containers).
                checks.Add(new Check(from.Name, Host.PhysicalAddress, webTcp, "tcp", InContainer(from)));
                checks.Add(new Check(from.Name, Host.PhysicalAddress, webUdp, "udp", InContainer(from)));
                checks.Add(new Check(from.Name, Host.PhysicalAddress, apiTcp, "tcp", InContainer(from)));
            }

            // The physical network (the lab's root namespace, 10.20.30.1, where the test runs) to every published port.
            string[] physical = ["--net=/proc/self/ns/net"];
            checks.Add(new Check($"external:{Lab.PortalAddress}", Host.PhysicalAddress, webTcp, "tcp", physical));
            checks.Add(new Check($"external:{Lab.PortalAddress}", Host.PhysicalAddress, webUdp, "udp", physical));
            checks.Add(new Check($"external:{Lab.PortalAddress}", Host.PhysicalAddress, apiTcp, "tcp", physical));

            // The host itself to every container port.
            string[] host = [$"--net={Host.Namespace}"];
            foreach (var to in containers.Select(c => seen[c.Name]))
            {
                checks.AddRange(to.Tcp.Select(port => new Check("host", to.Addresses.First().Value, port, "tcp", host)));
                checks.AddRange(to.Udp.Select(port => new Check("host", to.Addresses.First().Value, port, "udp", host)));
            }

            // By name as the probes' resolvers see them: the network alias and the legacy link's alias.
            var aliases = new List<(string From, string To, string Name, int Port)>
            {
                ($"{p}-cache", $"{p}-api", "api", 80),
                ($"{p}-worker", $"{p}-api", "api", 80),
                ($"{p}-client", $"{p}-web", "web", 80),
                ($"{p}-client", $"{p}-web", "web", 9000),
            };

            using var gate = new SemaphoreSlim(6);
            var outcomes = await Task.WhenAll(checks.Select(async check =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var verdict = await VerdictAsync(api, check.From, check.To, check.Port, check.Protocol, ct);
                    var reached = await ProbeAsync(check, ct);
                    return (check, verdict, reached);
                }
                finally
                {
                    gate.Release();
                }
            }));
            var aliasOutcomes = await Task.WhenAll(aliases.Select(async a =>
            {
                var verdict = await VerdictAsync(api, a.From, a.To, a.Port, "tcp", ct);
                var reached = await ChangeLab.ReachesAsync(Host, a.From, a.Name, a.Port, ct);
                return (a, verdict, reached);
            }));

            var mismatches = outcomes.Where(o => (o.verdict == "allowed") != o.reached || o.verdict == "undetermined")
                .Select(o => $"{o.check.From} -> {o.check.To}:{o.check.Port}/{o.check.Protocol}: portal {o.verdict}, probe {(o.reached ? "reached" : "not reached")}")
                .Concat(aliasOutcomes.Where(o => (o.verdict == "allowed") != o.reached)
                    .Select(o => $"{o.a.From} -> {o.a.Name} ({o.a.To}):{o.a.Port}/tcp: portal {o.verdict}, probe {(o.reached ? "reached" : "not reached")}"))
                .ToList();
            var compared = outcomes.Length + aliasOutcomes.Length;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"compared {compared} predictions with probes: {outcomes.Count(o => o.reached) + aliasOutcomes.Count(o => o.reached)} reached, "
                + $"{outcomes.Count(o => !o.reached) + aliasOutcomes.Count(o => !o.reached)} not reached");
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} predictions differ from their probe:\n{string.Join('\n', mismatches)}");

            // The scenario holds what it claims: both verdicts occur, for the reasons named.
            Assert.Contains(outcomes, o => o.reached && o.check.From == $"{p}-client" && o.check.Port == 9000);
            Assert.Contains(outcomes, o => !o.reached && o.check.From == $"{p}-worker" && o.check.To == seen[$"{p}-api"].Addresses[open]);
            Assert.Contains(outcomes, o => o.reached && o.check.From == $"{p}-cache" && o.check.To == seen[$"{p}-api"].Addresses[open]);
            var denied = await api.Session.GetJsonAsync(Query($"{p}-worker", seen[$"{p}-api"].Addresses[open], 80, "tcp"), ct);
            Assert.Equal($"-A DOCKER-USER {deny}", denied["decidedBy"]!["rule"]!.GetValue<string>());
            Assert.Equal("docker-user", denied["decidedBy"]!["owner"]!["kind"]!.GetValue<string>());

            // Exposure: each published port's verdict from outside equals the physical network's probe, and ICC on for
            // the open network holding the published api is said.
            var exposure = await api.Session.GetJsonAsync($"/api/hosts/{Host.Name}/exposure?address={Host.PhysicalAddress}", ct);
            foreach (var port in exposure["ports"]!.AsArray().Where(x => x!["container"]!.GetValue<string>().StartsWith(p, StringComparison.Ordinal)))
            {
                var hostPort = port!["hostPort"]!.GetValue<int>();
                var probed = outcomes.Single(o => o.check.From.StartsWith("external:", StringComparison.Ordinal) && o.check.Port == hostPort);
                Assert.Equal(probed.reached ? "allowed" : "blocked", port["verdict"]!.GetValue<string>());
            }

            Assert.Contains(exposure["warnings"]!.AsArray(), w => w!["kind"]!.GetValue<string>() == "icc-with-published"
                && w["message"]!.GetValue<string>().Contains($"network {open} ", StringComparison.Ordinal)
                && w["message"]!.GetValue<string>().Contains($"{p}-api {apiTcp}->80/tcp", StringComparison.Ordinal));
            Assert.DoesNotContain(exposure["warnings"]!.AsArray(), w => w!["message"]!.GetValue<string>().Contains($"network {closed} ", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Kill();
                await server.WaitForExitAsync(CancellationToken.None);
                server.Dispose();
            }

            if (deny is not null)
            {
                await Host.InNamespaceAsync("iptables", ["-D", "DOCKER-USER", .. deny.Split(' ')], CancellationToken.None);
            }

            await Host.RemoveByPrefixAsync(p, CancellationToken.None);
        }
    }

    /// <summary>A container that answers "hi" on each TCP port and stops at once on SIGTERM.</summary>
    private static string Listen(int[] ports) =>
        "trap 'exit 0' TERM; " + string.Concat(ports.Select(port => $"nc -ll -p {port} -e echo hi & ")) + "wait";

    private static string Query(string from, string to, int port, string protocol) =>
        $"/api/hosts/{Host.Name}/reachability?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&port={port}&proto={protocol}";

    private static async Task<string> VerdictAsync(PortalApi api, string from, string to, int port, string protocol, CancellationToken cancellationToken) =>
        (await api.Session.GetJsonAsync(Query(from, to, port, protocol), cancellationToken))["verdict"]!.GetValue<string>();

    private static string[] InContainer(Seen container) => ["-t", container.Pid.ToString(CultureInfo.InvariantCulture), "-n"];

    private static async Task<bool> ProbeAsync(Check check, CancellationToken cancellationToken)
    {
        if (check.Protocol == "udp")
        {
            return await UdpProbe.ReachesAsync(check.Enter, check.To, check.Port, cancellationToken);
        }

        // busybox nc, run in the source's namespace (the container's own, the physical network's, or the host's).
        var result = await LabCommand.RunAsync("nsenter", [.. check.Enter, "busybox", "nc", "-w", "2", check.To, check.Port.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        return result.StandardOutput.Contains("hi", StringComparison.Ordinal);
    }

    private static async Task<Seen> SeenAsync(string name, int[] tcp, int[] udp, CancellationToken cancellationToken)
    {
        var inspect = await ChangeLab.InspectAsync(Host, name, cancellationToken);
        var networks = inspect["NetworkSettings"]!["Networks"]!.AsObject();
        var addresses = networks.ToDictionary(n => n.Key, n => n.Value!["IPAddress"]!.GetValue<string>(), StringComparer.Ordinal);
        return new Seen(name, inspect["State"]!["Pid"]!.GetValue<int>(), addresses, tcp, udp);
    }

    private sealed record Check(string From, string To, int Port, string Protocol, string[] Enter);

    private sealed record Seen(string Name, int Pid, Dictionary<string, string> Addresses, int[] Tcp, int[] Udp)
    {
        /// <summary>This container's address on a network it shares with <paramref name="from"/>, else on its first.</summary>
        public string AddressFrom(Seen from) =>
            Addresses.FirstOrDefault(a => from.Addresses.ContainsKey(a.Key)).Value ?? Addresses.First().Value;
    }
}
