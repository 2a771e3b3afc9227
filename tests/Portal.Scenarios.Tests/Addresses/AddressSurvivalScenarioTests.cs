using Portal.Lab;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Addresses;

using Lab = Portal.Lab.Lab;

/// <summary>
/// A public address on docker2 survives a dockerd restart (Docker rebuilds its chains and inserts its MASQUERADE) and an
/// agent restart after a reboot's worth of state loss (address and chains gone while no agent ran): the reconciler
/// restores both; DELETE then removes the address, the chains and their jumps.
/// </summary>
[Collection(nameof(DaemonRestarts))]
public sealed class AddressSurvivalScenarioTests(ScenarioStack fixture)
{
    private const string Address = "10.20.30.151";
    private static readonly LabHost Host = Lab.Docker2;

    [Fact]
    public async Task Address_AfterDaemonRestartAndAgentRestartWithStateLoss_IsRestored()
    {
        var ct = TestContext.Current.CancellationToken;
        var stack = fixture.Stack;
        var api = new PortalApi(stack.Admin, Host.Name);
        var p = Lab.UniqueName("adr-");
        var web = $"{p}-web";
        var mapped = false;
        try
        {
            await Host.DockerAsync(["run", "-d", "--restart", "always", "--name", web, "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await api.WaitContainersAsync(ct, web);
            var id = PortalApi.IdOf(await api.ApplyAsync(HttpMethod.Post, "/addresses", new { address = Address, @interface = AddressLab.Interface, container = web }, ct));
            mapped = true;
            await AddressLab.ExpectMappedAsync(Host, web, Address, 9000, "mapped", ct);

            await LabCommand.CheckedAsync(Lab.Script, ["restart-daemon", Host.Name], ct);
            await AddressLab.ExpectMappedAsync(Host, web, Address, 9000, "after the dockerd restart", ct);
            await Poll.UntilAsync(async t => await api.StatusAsync(id, t) == "applied", TimeSpan.FromSeconds(30), "the intent applied again", ct);

            // The agent stops; meanwhile the host loses the address and the chains (what a reboot does); a new agent starts.
            await stack.Agent(Host.Name).KillAsync(ct);
            try
            {
                await Host.InNamespaceAsync("ip", ["addr", "del", $"{Address}/32", "dev", AddressLab.Interface], ct);
                await Host.InNamespaceAsync("iptables", ["-t", "nat", "-F", "PORTAL-DNAT"], ct);
                await Host.InNamespaceAsync("iptables", ["-t", "nat", "-F", "PORTAL-SNAT"], ct);
                Assert.StartsWith("no answer", await AddressLab.AnswerAsync(Address, 9000, ct));
            }
            finally
            {
                stack.StartAgent(Host);
            }

            await stack.WaitOnlineAsync(Host.Name, true, ct);
            await AddressLab.ExpectMappedAsync(Host, web, Address, 9000, "after the agent restart with the state lost", ct);
            Assert.Contains($"{Address}/32", await AddressLab.InterfaceAddressesAsync(Host, ct));

            await api.ApplyAsync(HttpMethod.Delete, $"/addresses/{Address}", null, ct);
            mapped = false;
            await AddressLab.ExpectGoneAsync(Host, Address, ct);
            var rules = await Host.IptablesSaveAsync(cancellationToken: ct);
            Assert.DoesNotContain("PORTAL-DNAT", rules);
            Assert.DoesNotContain("PORTAL-SNAT", rules);
            Assert.DoesNotContain("PORTAL-ADDR", rules);
        }
        finally
        {
            if (mapped)
            {
                await api.UndoAsync($"/addresses/{Address}", ct);
            }

            await ChangeLab.RemoveContainersAsync(Host, p, ct);
        }
    }
}
