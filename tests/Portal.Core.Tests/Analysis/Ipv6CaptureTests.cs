using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Contracts.Model;
using Portal.Core.Analysis;
using Portal.Core.Iptables;

namespace Portal.Core.Tests.Analysis;

/// <summary>
/// A capture of a daemon with IPv6 and ip6tables (lab/capture-analysis.sh --ipv6, Capture6/): the rules of
/// ip6tables-save are analysed with the same owners and marked <c>"ipv6": true</c>; the IPv4 ones still equal the
/// agent's snapshot. (Which IPv6 shapes the catalogue owns grows with it; this checks what the analysis adds.)
/// </summary>
public sealed class Ipv6CaptureTests
{
    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Analysis", "Capture6", name));

    private static Capture Files() => new(
        new CaptureText("rules.txt", Read("rules.txt")),
        new CaptureText("rules6.txt", Read("rules6.txt")),
        new CaptureText("containers.json", Read("containers.json")),
        new CaptureText("networks.json", Read("networks.json")));

    [Fact]
    public void Analyze_Ipv6Capture_Ip6tablesRulesMarkedIpv6_Ipv4OwnersEqualTheAgents()
    {
        var analysis = CaptureAnalyzer.Analyze(Files());
        var report = JsonNode.Parse(JsonSerializer.Serialize(analysis.ToReport(), PortalJson.Options))!["rules"]!.AsArray();

        var ip6 = RulesetParser.Parse(Read("rules6.txt")).AllRules.Select(r => $"{r.Table} {r.Chain} {r.Text}").ToList();
        Assert.NotEmpty(ip6);
        Assert.Equal(ip6, report.Where(r => r!["ipv6"]?.GetValue<bool>() == true).Select(r => $"{r!["table"]} {r["chain"]} {r["text"]}"));
        var snapshot = JsonNode.Parse(Read("snapshot.json"))!["rules"]!.AsArray();
        Assert.Equal(
            snapshot.Select(r => $"{r!["table"]} {r["chain"]} {r["text"]} {r["owner"]!.ToJsonString()}"),
            report.Where(r => r!["ipv6"] is null).Select(r => $"{r!["table"]} {r["chain"]} {r["text"]} {r["owner"]!.ToJsonString()}"));
    }

    [Fact]
    public void Analyze_Ipv6Capture_BridgeRulesOwnedByTheirNetwork()
    {
        var analysis = CaptureAnalyzer.Analyze(Files());

        var icc = Assert.Single(analysis.Rules6, r => r.Text == "-A FORWARD -i docker0 -o docker0 -j DROP");
        Assert.Equal(new RuleOwner(RuleOwnerKind.Icc, Network: "bridge"), icc.Owner);
        var masquerade = Assert.Single(analysis.Rules6, r => r.Text == "-A POSTROUTING -s fd00:dead:beef::/64 ! -o docker0 -j MASQUERADE");
        Assert.Equal(new RuleOwner(RuleOwnerKind.Masquerade, Network: "bridge"), masquerade.Owner);
        // Nothing of the IPv6 rules is gone, and INPUT is open: no stale or bypass finding for them.
        Assert.DoesNotContain(analysis.Findings, f => f.Message.StartsWith("ipv6: ", StringComparison.Ordinal)
            && f.Kind is FindingKind.InputBypass or FindingKind.StaleRule or FindingKind.StaleLinkRule);
    }
}
