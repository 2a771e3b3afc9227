using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;
using Portal.Core.Addresses;
using Portal.Core.Plans;
using Portal.Core.Reconcile;
using Portal.Core.Tests.Planning;

namespace Portal.Core.Tests.Addresses;

/// <summary>Public addresses: derivation from all intents at the containers' addresses of now, refusals, drift.</summary>
public sealed class AddressPlannerTests
{
    private static readonly HostInterface Eth0 = new("eth0", [new InterfaceAddress("10.20.30.100", 24)]);

    private static HostState Host(HostInterface? eth0 = null, params Container[] extra)
    {
        var state = SampleHost.State(false, extra);
        return new HostState(state.Snapshot with { Interfaces = [eth0 ?? Eth0] });
    }

    [Fact]
    public void Map_AllPorts_WritesDnatSnatAndFilterAtTheContainersAddress()
    {
        var change = AddressPlanner.Map(new AddressRequest("10.20.30.150", "eth0", "client"), Host(), []);

        Assert.Null(change.Problem);
        var set = Assert.IsType<ApplyAddressesCommand>(Assert.Single(change.Commands)).Addresses;
        Assert.Equal(
            [
                "nat PORTAL-DNAT -A PORTAL-DNAT -d 10.20.30.150/32 -j DNAT --to-destination 172.17.0.3",
                "nat PORTAL-SNAT -A PORTAL-SNAT -s 172.17.0.3/32 -o eth0 -j SNAT --to-source 10.20.30.150",
                "filter PORTAL-ADDR -A PORTAL-ADDR -d 172.17.0.3/32 -o docker0 -m conntrack --ctorigdst 10.20.30.150 -j ACCEPT",
                "filter PORTAL-ADDR -A PORTAL-ADDR -s 172.17.0.3/32 -i docker0 -m conntrack --ctorigdst 10.20.30.150 -j ACCEPT",
                "filter PORTAL-ADDR -A PORTAL-ADDR -j RETURN",
            ],
            set.ChainRules().SelectMany(c => c.Rules.Select(r => $"{c.Table} {c.Chain} {r}")));
        Assert.Contains(change.Plan!.Steps, s => s.Description.StartsWith("add 10.20.30.150/32 to eth0", StringComparison.Ordinal));
        Assert.Contains(change.Plan.Rules, r => r.Chain == "PREROUTING" && r.Text == "-A PREROUTING -j PORTAL-DNAT");
    }

    [Fact]
    public void Map_ListedPorts_DnatsOnlyThose()
    {
        var change = AddressPlanner.Map(new AddressRequest("10.20.30.150", "eth0", "client", ["53/udp", "80"]), Host(), []);

        var set = ((ApplyAddressesCommand)change.Commands[0]).Addresses;
        Assert.Equal(
            ["-A PORTAL-DNAT -d 10.20.30.150/32 -p udp -m udp --dport 53 -j DNAT --to-destination 172.17.0.3:53",
             "-A PORTAL-DNAT -d 10.20.30.150/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.17.0.3:80"],
            set.ChainRules()[0].Rules);
    }

    [Fact]
    public void Derive_FromAllIntents_KeepsTheOtherMappingAndFollowsAMovedContainer()
    {
        var standing = new List<IntentSpec> { new AddressIntent("10.20.30.151", "eth0", "web") };
        var change = AddressPlanner.Map(new AddressRequest("10.20.30.150", "eth0", "client"), Host(), standing);
        var set = ((ApplyAddressesCommand)change.Commands[0]).Addresses;
        Assert.Equal(["10.20.30.150", "10.20.30.151"], set.Mappings.Select(m => m.Address));

        var moved = Host().Snapshot with
        {
            Containers = [.. Host().Snapshot.Containers.Select(c => c.Name == "web" ? c with { Endpoints = [new Endpoint("bridge", "172.17.0.9", null, [])] } : c)],
        };
        Assert.Equal("172.17.0.9", PortalAddresses.Derive(standing, moved).Mappings.Single().ContainerIpv4);
    }

    [Theory]
    [InlineData("10.20.31.5", "eth0", "client", "address")]
    [InlineData("10.20.30.255", "eth0", "client", "address")]
    [InlineData("10.20.30.100", "eth0", "client", "address")]
    [InlineData("10.20.30.151", "eth0", "client", "address")]
    [InlineData("10.20.30.150", "eth0", "web", "container")]
    [InlineData("10.20.30.150", "eth9", "client", "interface")]
    [InlineData("10.20.30.150", "docker0", "client", "interface")]
    [InlineData("not-an-ip", "eth0", "client", "address")]
    [InlineData("10.20.30.157", "eth0", "client", "address")]
    public void Map_Refused_NamesTheField(string address, string name, string container, string field)
    {
        var standing = new List<IntentSpec> { new AddressIntent("10.20.30.151", "eth0", "web") };
        var publisher = SampleHost.Container("pub", "172.17.0.7", ports: [new PortBinding(80, "tcp", "10.20.30.157", 8080)]);

        var change = AddressPlanner.Map(new AddressRequest(address, name, container), Host(null, publisher), standing);

        Assert.Equal(400, change.Problem!.Status);
        Assert.True(change.Problem.Errors!.ContainsKey(field), $"{field} in {change.Problem.Title}");
        Assert.Empty(change.Commands);
    }

    [Fact]
    public void Map_PublishedPortOnTheAddress_ClashesOnlyOnThatPortWhenPortsAreListed()
    {
        var publisher = SampleHost.Container("pub", "172.17.0.7", ports: [new PortBinding(80, "tcp", "10.20.30.157", 8080)]);

        Assert.Null(AddressPlanner.Map(new AddressRequest("10.20.30.157", "eth0", "client", ["80/tcp"]), Host(null, publisher), []).Problem);
        Assert.True(AddressPlanner.Map(new AddressRequest("10.20.30.157", "eth0", "client", ["8080/tcp"]), Host(null, publisher), []).Problem!.Errors!.ContainsKey("ports"));
    }

    [Fact]
    public void Map_UnknownContainer_IsNotFound() =>
        Assert.Equal(404, AddressPlanner.Map(new AddressRequest("10.20.30.150", "eth0", "nobody"), Host(), []).Problem!.Status);

    [Fact]
    public void Unmap_LastMapping_RemovesChainsJumpsAndOnlyAPortalAddress()
    {
        var mapped = new AddressIntent("10.20.30.150", "eth0", "client");
        var withAddress = Host(new HostInterface("eth0", [new InterfaceAddress("10.20.30.100", 24), new InterfaceAddress("10.20.30.150", 32, Portal: true)]));
        var change = AddressPlanner.Unmap("10.20.30.150", withAddress, [mapped]);

        Assert.Empty(((ApplyAddressesCommand)change.Commands[0]).Addresses.Mappings);
        Assert.Contains(change.Plan!.Steps, s => s.Description.StartsWith("remove 10.20.30.150 from eth0", StringComparison.Ordinal));
        Assert.Equal(404, AddressPlanner.Unmap("10.20.30.159", withAddress, [mapped]).Problem!.Status);
        var preconfigured = Host(new HostInterface("eth0", [new InterfaceAddress("10.20.30.100", 24), new InterfaceAddress("10.20.30.150", 32)]));
        Assert.Contains(AddressPlanner.Unmap("10.20.30.150", preconfigured, [mapped]).Plan!.Steps, s => s.Description.StartsWith("keep 10.20.30.150", StringComparison.Ordinal));
    }

    [Fact]
    public void RestoreInput_PutsEveryJumpFirstAndRemovesThemWhenEmpty()
    {
        var set = PortalAddresses.Derive([new AddressIntent("10.20.30.150", "eth0", "client")], Host().Snapshot);

        var input = set.ToRestoreInput((_, hook) => hook == "POSTROUTING" ? 1 : 0, (_, _) => true)!;

        Assert.Contains("-D POSTROUTING -j PORTAL-SNAT\n-I POSTROUTING 1 -j PORTAL-SNAT\n", input);
        Assert.Contains("-I PREROUTING 1 -j PORTAL-DNAT\n", input);
        Assert.Contains("-I DOCKER-USER 1 -j PORTAL-ADDR\n", input);
        var removal = PortalAddressSet.Empty.ToRestoreInput((_, _) => 1, (_, _) => true)!;
        Assert.Contains("-D PREROUTING -j PORTAL-DNAT\n", removal);
        Assert.Contains("-X PORTAL-DNAT\n", removal);
        Assert.DoesNotContain("-I ", removal);
        Assert.Null(PortalAddressSet.Empty.ToRestoreInput((_, _) => 0, (_, _) => false));
    }

    [Fact]
    public void Reconciler_ChainBehindDockersMasquerade_IsDriftAndRewritten()
    {
        var intent = new AddressIntent("10.20.30.150", "eth0", "client");
        var set = PortalAddresses.Derive([intent], Host().Snapshot);
        var rules = set.ChainRules().SelectMany(c => c.Rules.Select((r, i) => new Rule(c.Table, c.Chain, i + 1, r, new RuleOwner(RuleOwnerKind.Portal)))).ToList();
        var jumps = PortalAddressText.Jumps.Select(j => new Rule(j.Table, j.Hook, 1, j.Rule, new RuleOwner(RuleOwnerKind.Portal))).ToList();
        var eth0 = new HostInterface("eth0", [new InterfaceAddress("10.20.30.100", 24), new InterfaceAddress("10.20.30.150", 32, Portal: true)]);
        var good = Host(eth0).Snapshot with { Rules = [.. rules, .. jumps] };

        Assert.Null(PortalAddresses.Drift(set, good));
        var found = Reconciler.Evaluate([new StoredIntent(1, intent)], good);
        Assert.Equal(IntentStatus.Applied, found.Intents.Single().Status);

        var behind = good with
        {
            Rules = [.. rules, .. jumps.Where(j => j.Chain != "POSTROUTING"),
                new Rule("nat", "POSTROUTING", 1, "-A POSTROUTING -s 172.18.0.0/16 ! -o br-x -j MASQUERADE", RuleOwner.Unknown),
                new Rule("nat", "POSTROUTING", 2, "-A POSTROUTING -j PORTAL-SNAT", new RuleOwner(RuleOwnerKind.Portal))],
        };
        var drift = Reconciler.Evaluate([new StoredIntent(1, intent)], behind);
        Assert.Equal(IntentStatus.Drifted, drift.Intents.Single().Status);
        Assert.Contains(drift.HostRepairs, r => r is ApplyAddressesCommand);

        var lost = good with { Interfaces = [Eth0] };
        Assert.Contains("does not hold 10.20.30.150", PortalAddresses.Drift(set, lost));
    }
}
