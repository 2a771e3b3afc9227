using System.Net;
using Portal.Contracts.Api;
using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Server.Tests.Changes;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Addresses;

/// <summary>
/// <c>/api/hosts/{host}/addresses</c> on the real server and SQLite, against a fake agent on a real SignalR connection:
/// the commands it was sent and the stored intents are the ground truth.
/// </summary>
public sealed class AddressesApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static HostSnapshot Host(string name) => ChangeHosts.Classic(name) with
    {
        Containers =
        [
            ChangeHosts.Client(),
            Snapshots.Web(),
            Snapshots.Container("pub", "9ab00000", "172.17.0.7") with { Ports = [new PortBinding(80, "tcp", "10.20.30.157", 8080)] },
        ],
        Interfaces = [new HostInterface("eth0", [new InterfaceAddress("10.20.30.100", 24)])],
    };

    [Fact]
    public async Task State_CarriesTheHostInterfaces_TheContainerPageOffersThemForAnAddress()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var state = await op.GetAsync<HostStateView>($"/api/hosts/{host}/state");

        var eth0 = Assert.Single(state.Interfaces ?? []);
        Assert.Equal(("eth0", "10.20.30.100", 24), (eth0.Name, eth0.Addresses.Single().Address, eth0.Addresses.Single().PrefixLength));
        Assert.Equal(["eth0"], state.ToSnapshot().Interfaces!.Select(i => i.Name));
    }

    [Fact]
    public async Task Map_Applied_SendsTheWholeSetListsItAndDeleteEndsIt()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/addresses", new AddressRequest("10.20.30.150", "eth0", "client"));

        Assert.Equal(HttpStatusCode.OK, status);
        var intent = ChangeClient.Read(body).Intent!;
        Assert.Equal((IntentKind.Address, IntentStatus.Applied), (intent.Kind, intent.Status));
        var command = Assert.IsType<ApplyAddressesCommand>(Assert.Single(agent.Received));
        Assert.Equal((intent.Id, intent.User), (command.Intent, command.User));
        var mapping = Assert.Single(command.Addresses.Mappings);
        Assert.Equal(("10.20.30.150", "eth0", "client", "172.17.0.3", "docker0"), (mapping.Address, mapping.Interface, mapping.Container, mapping.ContainerIpv4, mapping.Bridge));

        var listed = Assert.Single(await op.GetAsync<List<AddressView>>($"/api/hosts/{host}/addresses"));
        Assert.Equal(("10.20.30.150", "client", intent.Id, "172.17.0.3"), (listed.Address, listed.Container, listed.Intent, listed.ContainerIpv4));

        // A second mapping is planned with the first: the agent always gets the whole set.
        (status, _) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/addresses", new AddressRequest("10.20.30.151", "eth0", "web", ["80/tcp"]));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["10.20.30.150", "10.20.30.151"], agent.Received.OfType<ApplyAddressesCommand>().Last().Addresses.Mappings.Select(m => m.Address));

        (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Delete, $"/api/hosts/{host}/addresses/10.20.30.150");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(IntentStatus.Removed, ChangeClient.Read(body).Intent!.Status);
        Assert.Equal(["10.20.30.151"], agent.Received.OfType<ApplyAddressesCommand>().Last().Addresses.Mappings.Select(m => m.Address));
        Assert.Equal(["10.20.30.151"], (await op.GetAsync<List<AddressView>>($"/api/hosts/{host}/addresses")).Select(a => a.Address));
    }

    public static TheoryData<string, string, AddressRequest> Refusals => new()
    {
        { "not in eth0's subnet", "address", new AddressRequest("10.20.31.150", "eth0", "client") },
        { "the broadcast address", "address", new AddressRequest("10.20.30.255", "eth0", "client") },
        { "the host's own address", "address", new AddressRequest("10.20.30.100", "eth0", "client") },
        { "another container publishes on it", "address", new AddressRequest("10.20.30.157", "eth0", "client") },
        { "not an address", "address", new AddressRequest("ten", "eth0", "client") },
        { "no such interface", "interface", new AddressRequest("10.20.30.150", "eth7", "client") },
        { "a Docker bridge", "interface", new AddressRequest("10.20.30.150", "docker0", "client") },
        { "a bad port", "ports", new AddressRequest("10.20.30.150", "eth0", "client", ["80/icmp"]) },
        { "no container", "container", new AddressRequest("10.20.30.150", "eth0", null) },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Map_Refused_400NamingTheFieldAndNothingChanged(string why, string field, AddressRequest request)
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, problem) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/addresses", request);

        Assert.True(status == HttpStatusCode.BadRequest, $"{why}: {status} {problem}");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: errors name '{field}': {problem}");
        Assert.Empty(agent.Received);
        Assert.Empty(await ChangeClient.IntentsAsync(op, host));
    }

    [Fact]
    public async Task Map_AlreadyMapped_400AndOnlyTheFirstStands()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        var (first, _) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/addresses", new AddressRequest("10.20.30.150", "eth0", "client"));
        Assert.Equal(HttpStatusCode.OK, first);

        var (status, problem) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/addresses", new AddressRequest("10.20.30.150", "eth0", "web"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("already mapped to 'client'", problem.GetProperty("errors").GetProperty("address")[0].GetString());
        Assert.Single(agent.Received);
        Assert.Single(await ChangeClient.IntentsAsync(op, host));
    }

    [Fact]
    public async Task Map_UnknownHostOrContainer_404()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (container, _) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/addresses", new AddressRequest("10.20.30.150", "eth0", "ghost"));
        var (unknown, _) = await ChangeClient.SendAsync(op, HttpMethod.Post, "/api/hosts/nosuchhost/addresses", new AddressRequest("10.20.30.150", "eth0", "client"));
        var (unmapped, _) = await ChangeClient.SendAsync(op, HttpMethod.Delete, $"/api/hosts/{host}/addresses/10.20.30.159");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (container, unknown, unmapped));
        Assert.Empty(agent.Received);
    }

    [Fact]
    public async Task Map_ViewerOrNoRequestedWithHeader_RefusedAndNothingSent()
    {
        var (_, host, agent) = await SetUpAsync();
        await using var owned = agent;
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        using var bare = await PortalClient.WithRoleAsync(factory, Roles.Operator);
        bare.Http.DefaultRequestHeaders.Remove("X-Requested-With");

        var (forbidden, _) = await ChangeClient.SendAsync(viewer, HttpMethod.Post, $"/api/hosts/{host}/addresses", new AddressRequest("10.20.30.150", "eth0", "client"));
        var (noHeader, problem) = await ChangeClient.SendAsync(bare, HttpMethod.Post, $"/api/hosts/{host}/addresses", new AddressRequest("10.20.30.150", "eth0", "client"));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal(HttpStatusCode.BadRequest, noHeader);
        Assert.Contains("X-Requested-With", problem.ToString());
        Assert.Empty(agent.Received);
        Assert.Empty(await viewer.GetAsync<List<AddressView>>($"/api/hosts/{host}/addresses"));
    }

    private Task<(PortalClient Operator, string Host, FakeAgent Agent)> SetUpAsync() => FakeAgent.OnNewHostAsync(factory, Host);
}
