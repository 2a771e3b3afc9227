using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Contracts.Model;
using Portal.Core.Analysis;

namespace Portal.Core.Tests.Analysis;

/// <summary>
/// The offline analysis against real captures: owners equal what the agent itself reported for the same host at the
/// same moment (its snapshot), and the findings name the stale link of a removed child, the published port past a
/// ufw-style INPUT, the rules nobody owns, and the Docker version.
/// </summary>
public sealed class CaptureAnalyzerTests
{
    [Fact]
    public void Analyze_LabCapture_OwnersEqualTheAgentsSnapshotRuleForRule()
    {
        var analysis = CaptureAnalyzer.Analyze(LabCapture.Files());

        var snapshot = JsonNode.Parse(LabCapture.Read("snapshot.json"))!["rules"]!.AsArray();
        var report = JsonNode.Parse(JsonSerializer.Serialize(analysis.ToReport(), PortalJson.Options))!["rules"]!.AsArray();
        Assert.Equal(40, snapshot.Count);
        Assert.Equal(snapshot.Count, report.Count);
        for (var i = 0; i < snapshot.Count; i++)
        {
            var expected = snapshot[i]!;
            var actual = report[i]!;
            Assert.Equal(expected["table"]!.GetValue<string>(), actual["table"]!.GetValue<string>());
            Assert.Equal(expected["chain"]!.GetValue<string>(), actual["chain"]!.GetValue<string>());
            Assert.Equal(expected["text"]!.GetValue<string>(), actual["text"]!.GetValue<string>());
            Assert.Equal(expected["owner"]!.ToJsonString(), actual["owner"]!.ToJsonString());
        }
    }

    [Fact]
    public void Analyze_LabCapture_ReportHasExactlyTheContractsFields()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(CaptureAnalyzer.Analyze(LabCapture.Files()).ToReport(), PortalJson.Options))!.AsObject();

        Assert.Equal(["rules", "findings"], json.Select(p => p.Key));
        Assert.All(json["rules"]!.AsArray(), r => Assert.Equal(["table", "chain", "text", "owner"], r!.AsObject().Select(p => p.Key)));
        Assert.All(json["findings"]!.AsArray(), f => Assert.Subset(
            new HashSet<string> { "kind", "severity", "message", "rule", "container" }, f!.AsObject().Select(p => p.Key).ToHashSet()));
    }

    [Fact]
    public void Analyze_LabCapture_StaleLinkRulesOfTheRemovedChildAreFound()
    {
        var findings = CaptureAnalyzer.Analyze(LabCapture.Files()).Findings.Where(f => f.Kind == FindingKind.StaleLinkRule).ToList();

        // ana-db (172.17.0.3, exposing 5432) was removed; ana-client's link pair to it stayed.
        Assert.Equal(
            [
                "-A DOCKER -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 5432 -j ACCEPT",
                "-A DOCKER -s 172.17.0.3/32 -d 172.17.0.4/32 -i docker0 -o docker0 -p tcp -m tcp --sport 5432 -j ACCEPT",
            ],
            findings.Select(f => f.Rule));
        Assert.All(findings, f =>
        {
            Assert.Equal("ana-client", f.Container);
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Contains("172.17.0.3, which no container has", f.Message, StringComparison.Ordinal);
            Assert.Contains("ana-db (db)", f.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Analyze_LabCapture_PublishedPortPastInputIsFound_LoopbackPortIsNot()
    {
        var findings = CaptureAnalyzer.Analyze(LabCapture.Files()).Findings.Where(f => f.Kind == FindingKind.InputBypass).ToList();

        var finding = Assert.Single(findings);
        Assert.Equal("ana-web", finding.Container);
        Assert.Equal("-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80", finding.Rule);
        Assert.Contains("'-A INPUT -p tcp -m tcp --dport 8080 -j DROP'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("port 8080/tcp of ana-web", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_InputPolicyDropAlone_NamesThePolicy()
    {
        var rules = LabCapture.Read("rules.txt").Replace("-A INPUT -p tcp -m tcp --dport 8080 -j DROP\n", string.Empty, StringComparison.Ordinal);

        var finding = Assert.Single(CaptureAnalyzer.Analyze(LabCapture.Files(rules: rules)).Findings, f => f.Kind == FindingKind.InputBypass);

        Assert.Contains("INPUT's policy DROP", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-A INPUT -p tcp -m tcp --dport 8080 -j ACCEPT")]
    [InlineData("-A INPUT -p tcp -m multiport --dports 443,8000:8100 -j ACCEPT")]
    public void Analyze_InputAcceptsThePortFirst_NoBypass(string accept)
    {
        var rules = LabCapture.Read("rules.txt").Replace("-A INPUT -p tcp -m tcp --dport 8080 -j DROP", accept, StringComparison.Ordinal);

        Assert.DoesNotContain(CaptureAnalyzer.Analyze(LabCapture.Files(rules: rules)).Findings, f => f.Kind == FindingKind.InputBypass);
    }

    [Fact]
    public void Analyze_InputOpenAndNoDrop_NoBypass()
    {
        var rules = LabCapture.Read("rules.txt")
            .Replace(":INPUT DROP [0:0]", ":INPUT ACCEPT [0:0]", StringComparison.Ordinal)
            .Replace("-A INPUT -p tcp -m tcp --dport 8080 -j DROP\n", string.Empty, StringComparison.Ordinal);

        Assert.DoesNotContain(CaptureAnalyzer.Analyze(LabCapture.Files(rules: rules)).Findings, f => f.Kind == FindingKind.InputBypass);
    }

    [Fact]
    public void Analyze_DropInAUserChainJumpedFromInput_IsFound()
    {
        // ufw keeps its rules in chains of its own, jumped from INPUT.
        var rules = LabCapture.Read("rules.txt")
            .Replace(":DOCKER - [0:0]\n", ":DOCKER - [0:0]\n:ufw-user-input - [0:0]\n", StringComparison.Ordinal)
            .Replace("-A INPUT -p tcp -m tcp --dport 8080 -j DROP\n", "-A INPUT -j ufw-user-input\n", StringComparison.Ordinal)
            .Replace("-A DOCKER-USER -j RETURN\n", "-A DOCKER-USER -j RETURN\n-A ufw-user-input -p tcp -m tcp --dport 8000:8090 -j REJECT --reject-with icmp-port-unreachable\n", StringComparison.Ordinal);

        var finding = Assert.Single(CaptureAnalyzer.Analyze(LabCapture.Files(rules: rules)).Findings, f => f.Kind == FindingKind.InputBypass);

        Assert.Contains("-A ufw-user-input -p tcp -m tcp --dport 8000:8090 -j REJECT", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_LabCapture_RulesNoOneOwnsAreFound()
    {
        var findings = CaptureAnalyzer.Analyze(LabCapture.Files()).Findings.Where(f => f.Kind == FindingKind.UnownedRule).ToList();

        Assert.Equal(
            [
                "-A INPUT -i lo -j ACCEPT",
                "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
                "-A INPUT -p tcp -m tcp --dport 8080 -j DROP",
                "-A POSTROUTING -s 10.99.0.0/24 -j MASQUERADE",
            ],
            findings.Select(f => f.Rule));
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Info, f.Severity));
    }

    [Fact]
    public void Analyze_RuleNoOneOwnsInDockersChain_IsAWarning()
    {
        var rules = LabCapture.Read("rules.txt").Replace(
            "-A DOCKER-USER -j RETURN\n", "-A DOCKER-USER -j RETURN\n-A DOCKER -s 10.1.2.3/32 -j ACCEPT\n", StringComparison.Ordinal);

        var finding = Assert.Single(
            CaptureAnalyzer.Analyze(LabCapture.Files(rules: rules)).Findings,
            f => f.Kind == FindingKind.UnownedRule && f.Rule == "-A DOCKER -s 10.1.2.3/32 -j ACCEPT");

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
    }

    [Fact]
    public void Analyze_LabCapture_SaysDockerVersionAndBackend()
    {
        var finding = Assert.Single(CaptureAnalyzer.Analyze(LabCapture.Files()).Findings, f => f.Kind == FindingKind.DockerVersion);

        Assert.StartsWith("The rules look like Docker 20.10 ", finding.Message, StringComparison.Ordinal);
        Assert.Contains("iptables backend nf_tables", finding.Message, StringComparison.Ordinal);
        Assert.Equal(FindingSeverity.Info, finding.Severity);
    }

    [Fact]
    public void Analyze_NoDockerChainsOnAHostWithBridges_SaysWhereTheRulesAre()
    {
        var rules = string.Join('\n', LabCapture.Read("rules.txt").Split('\n').Where(l => !l.Contains("DOCKER", StringComparison.Ordinal) && !l.Contains("docker0", StringComparison.Ordinal) && !l.Contains("br-", StringComparison.Ordinal)));

        var finding = Assert.Single(CaptureAnalyzer.Analyze(LabCapture.Files(rules: rules)).Findings, f => f.Kind == FindingKind.DockerVersion);

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("nftables", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ScenarioFixtures_StaleLinkNamesWhoHoldsTheAddressNow()
    {
        var analysis = CaptureAnalyzer.Analyze(LabCapture.StaleLinkStage());

        // fix-web moved from 172.17.0.2 to .5; fix-filler took .2 and gets the link's access.
        var stale = analysis.Findings.Where(f => f.Kind == FindingKind.StaleLinkRule).ToList();
        Assert.Equal(10, stale.Count);
        Assert.All(stale, f =>
        {
            Assert.Equal("fix-client", f.Container);
            Assert.Contains("the link fix-client -> fix-web (web)", f.Message, StringComparison.Ordinal);
            Assert.Contains("fix-filler holds that address now", f.Message, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(analysis.Findings, f => f.Kind is FindingKind.UnownedRule or FindingKind.InputBypass or FindingKind.StaleRule);
        Assert.Equal(["fix-admin", "fix-api", "fix-client", "fix-db", "fix-filler", "fix-web"], analysis.Containers.Select(c => c.Name));
        Assert.Equal(["bridge", "fix-appnet"], analysis.Bridges.Select(b => b.Network));
    }

    [Fact]
    public void Analyze_RemovedPublishedContainer_ItsPortRulesAreStale()
    {
        // The capture without ana-api: its port's three rules (filter ACCEPT, hairpin, DNAT) stay in the rules file and name an address no one holds.
        var containers = JsonNode.Parse(LabCapture.Read("containers.json"))!.AsArray();
        containers.Remove(containers.Single(c => c!["Name"]!.GetValue<string>() == "/ana-api"));

        var stale = CaptureAnalyzer.Analyze(LabCapture.Files(containers: containers.ToJsonString())).Findings.Where(f => f.Kind == FindingKind.StaleRule).ToList();

        Assert.Equal(3, stale.Count);
        Assert.All(stale, f => Assert.Contains("172.31.0.2", f.Rule!, StringComparison.Ordinal));
    }
}
