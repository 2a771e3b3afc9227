using System.Net;
using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Observation;

using Lab = Portal.Lab.Lab;

/// <summary>
/// A container cannot blind its host's agent: one that writes 50 MB into its /etc/hosts and carries hundreds of
/// variables leaves the host online, its own view cut and marked, and every other container live. Its secrets reach
/// the portal masked, and the portal's own (the agent's token) never reach it at all.
/// </summary>
public sealed class HostileContainerTests(ScenarioStack fixture)
{
    private const int FloodBytes = 50 * 1024 * 1024;
    private static readonly LabHost Host = Lab.Docker1;

    [Fact]
    public async Task FiftyMegabyteHostsFile_HostStaysOnline_OtherContainersLive_ViewCutAndMarked()
    {
        var ct = TestContext.Current.CancellationToken;
        var p = Lab.UniqueName("hos-");
        var (flood, probe) = ($"{p}-flood", $"{p}-probe");
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var stack = fixture.Stack;
        var api = new PortalApi(stack.Admin, Host.Name);
        using var viewer = await stack.UserAsync("viewer", ct);
        using var operatorSession = await stack.UserAsync("operator", ct);
        operatorSession.Http.DefaultRequestHeaders.Add("X-Requested-With", "test");
        try
        {
            List<string> run = ["run", "-d", "--name", flood, "-e", $"DB_PASSWORD={password}", "-e", "PORTAL_AGENT_TOKEN=not-the-real-one",
                "-e", $"COPY_OF_THE_AGENTS={stack.TokenOf(Host.Name)}"];
            // More variables than the agent keeps: it keeps the first by name, so the fillers (named to sort last) go.
            for (var i = 0; i < 600; i++)
            {
                run.AddRange(["-e", $"ZZ_FILLER_{i:000}=x"]);
            }

            run.AddRange(["busybox", "sh", "-c",
                $"busybox yes '10.9.9.9 flood-name-of-some-length' | busybox head -c {FloodBytes} >> /etc/hosts; {ChangeLab.Idle}"]);
            await Host.DockerAsync(run, ct);
            await Poll.UntilAsync(
                async c => long.Parse((await Host.ExecAsync(flood, "busybox", "wc", "-c", "/etc/hosts")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]) >= FloodBytes,
                TimeSpan.FromSeconds(60),
                $"{flood} wrote {FloodBytes} bytes into its /etc/hosts",
                ct);

            // A new container makes the agent read every container again, the flooded one included.
            await Host.DockerAsync(["run", "-d", "--name", probe, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await api.WaitContainersAsync(ct, probe);
            await stack.WaitOnlineAsync(Host.Name, true, ct);

            var seen = await viewer.GetJsonAsync($"/api/hosts/{Host.Name}/containers/{flood}", ct);
            Assert.True(seen["hostsTruncated"]!.GetValue<bool>());
            Assert.True(seen["envTruncated"]!.GetValue<bool>());
            var hosts = seen["hosts"]!.AsArray();
            Assert.InRange(hosts.Count, 2, 500);
            Assert.Equal("localhost", hosts[0]!["names"]![0]!.GetValue<string>());
            Assert.InRange(seen["env"]!.AsArray().Count, 100, 500);

            // The other containers stay live: a change to one still reaches the portal.
            await Host.DockerAsync(["stop", "-t", "1", probe], ct);
            await Poll.UntilAsync(
                async c => (await viewer.GetJsonAsync($"/api/hosts/{Host.Name}/containers/{probe}", c))["state"]!.GetValue<string>() == "exited",
                TimeSpan.FromSeconds(30),
                $"the portal sees {probe} exited",
                ct);
            await stack.WaitOnlineAsync(Host.Name, true, ct);

            // Secrets: masked for the viewer, the agent's token (by name or by value) never sent, the password revealable.
            var text = (await viewer.GetJsonAsync($"/api/hosts/{Host.Name}/containers", ct)).ToJsonString();
            Assert.DoesNotContain(password, text);
            Assert.DoesNotContain(stack.TokenOf(Host.Name), text);
            Assert.DoesNotContain("not-the-real-one", text);
            var env = seen["env"]!.AsArray().ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!);
            Assert.DoesNotContain("ZZ_FILLER_599", env.Keys);
            Assert.True(env["DB_PASSWORD"]["masked"]!.GetValue<bool>());
            Assert.True(env["COPY_OF_THE_AGENTS"]["masked"]!.GetValue<bool>());
            Assert.True(env["PORTAL_AGENT_TOKEN"]["masked"]!.GetValue<bool>());
            var (status, revealed) = await operatorSession.SendJsonAsync(
                HttpMethod.Post, $"/api/hosts/{Host.Name}/containers/{flood}/env/DB_PASSWORD/reveal", null, ct);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(password, revealed!["value"]!.GetValue<string>());
            var (withheld, _) = await operatorSession.SendJsonAsync(
                HttpMethod.Post, $"/api/hosts/{Host.Name}/containers/{flood}/env/COPY_OF_THE_AGENTS/reveal", null, ct);
            Assert.Equal(HttpStatusCode.NotFound, withheld);
        }
        finally
        {
            await Host.RemoveByPrefixAsync(p, ct);
        }
    }
}
