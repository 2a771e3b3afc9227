using Portal.Contracts.Model;
using Portal.Contracts.Reachability;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.Reachability;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Reachability;

/// <summary>The exposure of the stage-05 capture's published ports, with a host firewall added where a test says so.</summary>
public sealed class ExposureTests
{
    [Fact]
    public void Build_Stage05_EveryPublishedPortWithItsOutsideVerdict()
    {
        var exposure = HostExposure.Build(Model(Captures.Fixture("05-stale-link.txt")));

        Assert.Equal(
            ["fix-admin 9090->80/tcp on 127.0.0.1: allowed", "fix-api 8081->80/tcp on every address of the host (0.0.0.0): allowed",
             "fix-web 5353->53/udp on every address of the host (0.0.0.0): allowed", "fix-web 8080->80/tcp on every address of the host (0.0.0.0): allowed"],
            exposure.Ports.Select(p => $"{p.Container} {p.HostPort}->{p.ContainerPort}/{Portal.Contracts.Wire.WireName.Of(p.Protocol)} on {string.Join(",", p.ReachableOn)}: {Portal.Contracts.Wire.WireName.Of(p.Verdict)}"));
        Assert.All(exposure.Ports.Where(p => p.Container != "fix-admin"), p => Assert.Contains(p.Warnings, w => w.Kind == ExposureWarningKind.AllAddresses));
        Assert.DoesNotContain(exposure.Ports.SelectMany(p => p.Warnings), w => w.Kind == ExposureWarningKind.BypassesHostFirewall);
        Assert.Empty(exposure.Warnings);
    }

    [Fact]
    public void Build_InputDropsThePort_WarnsThatDnatBypassesIt()
    {
        // A ufw-like host firewall: INPUT drops what it does not allow, and a rule drops 8080 explicitly.
        var dump = Captures.Fixture("05-stale-link.txt")
            .Replace(":INPUT ACCEPT [0:0]\n:FORWARD DROP", ":INPUT DROP [0:0]\n:FORWARD DROP", StringComparison.Ordinal)
            .Replace("-A FORWARD -j DOCKER-USER\n", "-A INPUT -p tcp -m tcp --dport 8080 -j DROP\n-A FORWARD -j DOCKER-USER\n", StringComparison.Ordinal);

        var exposure = HostExposure.Build(Model(dump));

        var web = exposure.Ports.Single(p => p.HostPort == 8080);
        Assert.Equal(ReachabilityVerdict.Allowed, web.Verdict);
        var warning = Assert.Single(web.Warnings, w => w.Kind == ExposureWarningKind.BypassesHostFirewall);
        Assert.Equal("-A INPUT -p tcp -m tcp --dport 8080 -j DROP", warning.Rule);
        Assert.Equal("-P INPUT DROP", exposure.Ports.Single(p => p.HostPort == 8081).Warnings.Single(w => w.Kind == ExposureWarningKind.BypassesHostFirewall).Rule);
    }

    [Fact]
    public void Build_IccOnForTheDefaultBridge_WarnsNamingItsPublishedServices()
    {
        var exposure = HostExposure.Build(Model(Captures.Fixture("05-stale-link.txt"), iccOnDefaultBridge: true));

        var warning = Assert.Single(exposure.Warnings);
        Assert.Equal(ExposureWarningKind.IccWithPublished, warning.Kind);
        Assert.Contains("network bridge (docker0)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("fix-web 8080->80/tcp", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fix-api", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_OutsideToLoopbackWithoutDnat_IsDroppedByRouting()
    {
        Ipv4.TryParse("127.0.0.1", out var loopback);
        var answer = Model(Captures.Fixture("05-stale-link.txt")).Ask(new ReachabilityQuery(PacketSource.FromExternal(0xCB00710A), PacketTarget.FromAddress(loopback), 9091, TransportProtocol.Tcp));

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
        Assert.Equal("routing", answer.DecidedBy!.Table);
    }

    private static ReachabilityModel Model(string dump, bool iccOnDefaultBridge = false)
    {
        var bridges = InspectModel.Bridges(Captures.Fixture("inspect-network-bridge.json"))
            .Select(b => iccOnDefaultBridge ? b with { Icc = true } : b)
            .Concat(InspectModel.Bridges(Captures.Fixture("inspect-network-fix-appnet.json")))
            .ToList();
        var containers = new[] { "fix-web", "fix-admin", "fix-client", "fix-filler", "fix-db", "fix-api" }
            .SelectMany(n => InspectModel.Containers(Captures.Fixture($"inspect-container-{n}.json")))
            .ToList();
        var ruleset = RulesetParser.Parse(dump);
        return ReachabilityModel.From(new HostSnapshot("fixcap", 1, DateTimeOffset.UnixEpoch, "20.10.24", "nf_tables", bridges, containers,
            RuleOwnership.Resolve(ruleset, bridges, containers), Policies: ChainPolicies.Of(ruleset)));
    }
}
