using System.Net;
using Portal.Lab;

namespace Portal.Scenarios.Tests.Changes;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Every kind of bad change request through the portal on docker2: the contract's status and field, and iptables-save
/// and docker inspect of everything involved byte-identical before and after.
/// </summary>
public sealed class BadInputScenarioTests(ScenarioStack fixture)
{
    private static readonly LabHost Host = Lab.Docker2;

    [Fact]
    public async Task BadInput_LeavesIptablesAndDockerByteIdentical()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        var p = Lab.UniqueName("scn-");
        var (net, c, w, holder) = ($"{p}-net", $"{p}-c", $"{p}-w", $"{p}-holder");
        var octet = Random.Shared.Next(100, 200);
        var taken = Lab.HostPort();
        try
        {
            await Host.DockerAsync(["network", "create", "--subnet", $"172.25.{octet}.0/24", net], ct);
            await Host.DockerAsync(["run", "-d", "--name", w, "--expose", "80", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await Host.DockerAsync(["run", "-d", "--name", c, "-l", "scn.role=c", "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await Host.DockerAsync(["run", "-d", "--name", holder, "-p", $"{taken}:80", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await api.WaitContainersAsync(ct, c, w, holder);
            await api.WaitNetworkAsync(net, true, ct);
            string[] involved = [c, w, holder, net];
            // What marks a rule as this test's: its containers' addresses, its network's bridge and subnet, its host port, the portal chain.
            var ours = new List<string> { "br-" + (await ChangeLab.InspectAsync(Host, net, ct))["Id"]!.GetValue<string>()[..12], $"172.25.{octet}.", $"{taken}", "-A DOCKER-USER -j PORTAL-ICC", ":PORTAL-ICC " };
            foreach (var container in new[] { c, w, holder })
            {
                ours.Add((await ChangeLab.AddressAsync(Host, container, "bridge", ct)) + "/32");
            }

            (string Name, HttpMethod Method, string Path, object Body, HttpStatusCode Status, string Field)[] bad =
            [
                ("bad source name", HttpMethod.Post, "/links", new { source = "bad name", target = w, alias = "web" }, HttpStatusCode.BadRequest, "source"),
                ("bad target name", HttpMethod.Post, "/links", new { source = c, target = "-web", alias = "web" }, HttpStatusCode.BadRequest, "target"),
                ("alias with '_'", HttpMethod.Post, "/links", new { source = c, target = w, alias = "bad_alias" }, HttpStatusCode.BadRequest, "alias"),
                ("bad network name", HttpMethod.Post, "/networks", new { name = "bad name", icc = true }, HttpStatusCode.BadRequest, "name"),
                ("container port 0", HttpMethod.Post, "/ports", new { container = c, containerPort = 0, protocol = "tcp", hostPort = taken + 1 }, HttpStatusCode.BadRequest, "containerPort"),
                ("host port 70000", HttpMethod.Post, "/ports", new { container = c, containerPort = 80, protocol = "tcp", hostPort = 70000 }, HttpStatusCode.BadRequest, "hostPort"),
                ("protocol icmp", HttpMethod.Post, "/ports", new { container = c, containerPort = 80, protocol = "icmp", hostPort = taken + 1 }, HttpStatusCode.BadRequest, "protocol"),
                ("CIDR with host bits", HttpMethod.Post, "/networks", new { name = $"{p}-n2", subnet = "10.99.0.1/16", icc = true }, HttpStatusCode.BadRequest, "subnet"),
                ("gateway outside the subnet", HttpMethod.Post, "/networks", new { name = $"{p}-n3", subnet = "10.99.0.0/16", gateway = "10.98.0.1", icc = true }, HttpStatusCode.BadRequest, "gateway"),
                ("ipv4 outside the subnet", HttpMethod.Post, $"/networks/{net}/connections", new { container = c, ipv4 = "10.1.1.1" }, HttpStatusCode.BadRequest, "ipv4"),
                ("alias on the default bridge", HttpMethod.Post, "/networks/bridge/connections", new { container = w, alias = "cli" }, HttpStatusCode.BadRequest, "alias"),
                ("ICC without enabled", HttpMethod.Put, $"/networks/{net}/icc", new { }, HttpStatusCode.BadRequest, "enabled"),
                ("unknown container", HttpMethod.Post, "/links", new { source = $"{p}-missing", target = w, alias = "web" }, HttpStatusCode.NotFound, $"{p}-missing"),
                ("unknown network", HttpMethod.Put, $"/networks/{p}-none/icc", new { enabled = false }, HttpStatusCode.NotFound, $"{p}-none"),
                ("host port taken", HttpMethod.Post, "/ports", new { container = c, containerPort = 80, protocol = "tcp", hostPort = taken }, HttpStatusCode.Conflict, holder),
            ];
            foreach (var (name, method, path, body, status, field) in bad)
            {
                // Other scenarios share the lab: a change to rules none of this test's objects appear in is theirs, so
                // that case is tried again; any difference in our objects' rules or in their inspect fails at once.
                for (var attempt = 1; ; attempt++)
                {
                    var rulesBefore = await ChangeLab.RulesAsync(Host, ct);
                    var inspectBefore = await InspectAllAsync(involved, ct);
                    var (got, answer) = await api.Session.SendJsonAsync(method, $"/api/hosts/{Host.Name}{path}", body, ct);
                    var inspectAfter = await InspectAllAsync(involved, ct);
                    var rulesAfter = await ChangeLab.RulesAsync(Host, ct);

                    Assert.True(got == status, $"{name}: {(int)got} {answer?.ToJsonString()}");
                    if (status == HttpStatusCode.BadRequest)
                    {
                        var errors = answer!["errors"]!.AsObject();
                        Assert.True(errors.ContainsKey(field), $"{name}: errors name {string.Join(", ", errors.Select(e => e.Key))}, not {field}");
                    }
                    else
                    {
                        Assert.Contains(field, answer!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
                    }

                    Assert.True(inspectBefore == inspectAfter, $"{name}: docker inspect changed");
                    if (rulesBefore == rulesAfter)
                    {
                        break;
                    }

                    var changed = rulesBefore.Split('\n').Except(rulesAfter.Split('\n')).Concat(rulesAfter.Split('\n').Except(rulesBefore.Split('\n'))).ToList();
                    Assert.True(
                        attempt < 5 && !changed.Any(l => ours.Any(o => l.Contains(o, StringComparison.Ordinal))),
                        $"{name}: iptables-save changed (attempt {attempt}):\n{string.Join('\n', changed)}");
                }
            }

            var networks = (await Host.DockerAsync(["network", "ls", "--format", "{{.Name}}"], ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.DoesNotContain($"{p}-n2", networks);
            Assert.DoesNotContain($"{p}-n3", networks);
        }
        finally
        {
            await Host.RemoveByPrefixAsync(p, ct);
        }
    }

    private static async Task<string> InspectAllAsync(string[] names, CancellationToken ct) =>
        string.Join('\n', await Task.WhenAll(names.Select(async n => (await ChangeLab.InspectAsync(Host, n, ct)).ToJsonString())));
}
