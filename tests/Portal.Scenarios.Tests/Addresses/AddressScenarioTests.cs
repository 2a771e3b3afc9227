using Portal.Lab;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Addresses;

using Lab = Portal.Lab.Lab;

/// <summary>
/// A public address per container on docker1 (issue 14): from the physical network the container answers on the address
/// on every port (9000 was never published), its outbound connections arrive from the address, the host and another
/// container (on the ICC-off default bridge) reach it through the address; after `docker restart` into a new container
/// address the reconciler moves the rules with it; DELETE takes back the address and every rule.
/// </summary>
[Collection(nameof(DefaultBridgeAddresses))]
public sealed class AddressScenarioTests(ScenarioStack fixture)
{
    private const string Address = "10.20.30.150";
    private static readonly LabHost Host = Lab.Docker1;

    [Fact]
    public async Task Address_AllPorts_InOutHairpinAndFollowsANewContainerAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        var p = Lab.UniqueName("adr-");
        var (web, other) = ($"{p}-web", $"{p}-other");
        var mapped = false;
        try
        {
            await Host.DockerAsync(["run", "-d", "--name", web, "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await Host.DockerAsync(["run", "-d", "--name", other, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await api.WaitContainersAsync(ct, web, other);
            Assert.StartsWith("no answer", await AddressLab.AnswerAsync(Address, 9000, ct));

            var answer = await api.ApplyAsync(HttpMethod.Post, "/addresses", new { address = Address, @interface = AddressLab.Interface, container = web }, ct);
            mapped = true;
            Assert.Equal("applied", answer["intent"]!["status"]!.GetValue<string>());
            Assert.Contains($"{Address}/32", await AddressLab.InterfaceAddressesAsync(Host, ct));
            await AddressLab.ExpectMappedAsync(Host, web, Address, 9000, "mapped", ct);
            Assert.Equal("hi", await AddressLab.AnswerAsync(Address, 80, ct));

            // Hairpin: another container on the ICC-off default bridge, and the host itself, reach web through the address.
            Assert.True(await ChangeLab.ReachesAsync(Host, other, Address, 9000, ct), $"{other} -> {Address}:9000 (hairpin)");
            Assert.Contains("hi", await Host.InNamespaceAsync("busybox", ["sh", "-c", $"nc -w 2 {Address} 81 </dev/null"], ct));

            var listed = (await fixture.Stack.Admin.GetJsonAsync($"/api/hosts/{Host.Name}/addresses", ct)).AsArray().Single(a => a!["address"]!.GetValue<string>() == Address)!;
            Assert.Equal(web, listed["container"]!.GetValue<string>());
            Assert.True(listed["addedByPortal"]!.GetValue<bool>());

            // web restarts into a new address (a filler takes its old one): the reconciler moves the mapping with it.
            var oldIp = (await ChangeLab.AddressAsync(Host, web, "bridge", ct))!;
            await Host.DockerAsync(["stop", web], ct);
            string? filler = null;
            for (var i = 0; i < 12 && filler is null; i++)
            {
                var candidate = $"{p}-filler{i}";
                await Host.DockerAsync(["run", "-d", "--name", candidate, "busybox", "sh", "-c", ChangeLab.Listen], ct);
                filler = await ChangeLab.AddressAsync(Host, candidate, "bridge", ct) == oldIp ? candidate : null;
            }

            Assert.True(filler is not null, $"no filler got web's old address {oldIp}");
            await Host.DockerAsync(["start", web], ct);
            var newIp = (await ChangeLab.AddressAsync(Host, web, "bridge", ct))!;
            Assert.NotEqual(oldIp, newIp);
            await Poll.UntilAsync(
                async t => (await AddressLab.RulesNamingAsync(Host, Address, t)).Any(r => r.Contains($"--to-destination {newIp}", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(45),
                async () => $"DNAT to {newIp}: {string.Join('\n', await AddressLab.RulesNamingAsync(Host, Address, ct))}",
                ct);
            await AddressLab.ExpectMappedAsync(Host, web, Address, 9000, "after docker restart into a new address", ct);
            Assert.True(await ChangeLab.ReachesAsync(Host, other, Address, 80, ct), $"{other} -> {Address}:80 after the move");

            var removed = await api.ApplyAsync(HttpMethod.Delete, $"/addresses/{Address}", null, ct);
            mapped = false;
            Assert.Equal("removed", removed["intent"]!["status"]!.GetValue<string>());
            await AddressLab.ExpectGoneAsync(Host, Address, ct);
            Assert.StartsWith("no answer", await AddressLab.AnswerAsync(Address, 9000, ct));
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
