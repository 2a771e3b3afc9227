using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Addresses;

using Lab = Portal.Lab.Lab;

/// <summary>Two containers on two hosts, each with its own public address; one maps only port 80.</summary>
public sealed class TwoHostAddressScenarioTests(ScenarioStack fixture)
{
    [Fact]
    public async Task Addresses_OnTwoHosts_EachReachesItsOwnContainer()
    {
        var ct = TestContext.Current.CancellationToken;
        var (one, two) = (new PortalApi(fixture.Stack.Admin, Lab.Docker1.Name), new PortalApi(fixture.Stack.Admin, Lab.Docker2.Name));
        var p = Lab.UniqueName("adr-");
        var (a, b) = ($"{p}-a", $"{p}-b");
        const string AddressA = "10.20.30.152";
        const string AddressB = "10.20.30.153";
        var mapped = (false, false);
        try
        {
            await Lab.Docker1.DockerAsync(["run", "-d", "--name", a, "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await Lab.Docker2.DockerAsync(["run", "-d", "--name", b, "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await one.WaitContainersAsync(ct, a);
            await two.WaitContainersAsync(ct, b);

            await one.ApplyAsync(HttpMethod.Post, "/addresses", new { address = AddressA, @interface = AddressLab.Interface, container = a }, ct);
            mapped.Item1 = true;
            await two.ApplyAsync(HttpMethod.Post, "/addresses", new { address = AddressB, @interface = AddressLab.Interface, container = b, ports = new[] { "80/tcp" } }, ct);
            mapped.Item2 = true;

            await AddressLab.ExpectMappedAsync(Lab.Docker1, a, AddressA, 9000, "docker1", ct);
            await AddressLab.ExpectMappedAsync(Lab.Docker2, b, AddressB, 80, "docker2", ct);
            // Only 80 is mapped on docker2: 9000 on that address is the host's own, where nothing listens.
            Assert.StartsWith("no answer", await AddressLab.AnswerAsync(AddressB, 9000, ct));
            Assert.DoesNotContain($"{AddressA}/32", await AddressLab.InterfaceAddressesAsync(Lab.Docker2, ct));
            Assert.DoesNotContain($"{AddressB}/32", await AddressLab.InterfaceAddressesAsync(Lab.Docker1, ct));

            await one.ApplyAsync(HttpMethod.Delete, $"/addresses/{AddressA}", null, ct);
            mapped.Item1 = false;
            await two.ApplyAsync(HttpMethod.Delete, $"/addresses/{AddressB}", null, ct);
            mapped.Item2 = false;
            await AddressLab.ExpectGoneAsync(Lab.Docker1, AddressA, ct);
            await AddressLab.ExpectGoneAsync(Lab.Docker2, AddressB, ct);
        }
        finally
        {
            if (mapped.Item1)
            {
                await one.UndoAsync($"/addresses/{AddressA}", ct);
            }

            if (mapped.Item2)
            {
                await two.UndoAsync($"/addresses/{AddressB}", ct);
            }

            await ChangeLab.RemoveContainersAsync(Lab.Docker1, p, ct);
            await ChangeLab.RemoveContainersAsync(Lab.Docker2, p, ct);
        }
    }
}
