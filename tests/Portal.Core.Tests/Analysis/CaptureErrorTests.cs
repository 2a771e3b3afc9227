using Portal.Core.Analysis;

namespace Portal.Core.Tests.Analysis;

/// <summary>A wrong or damaged file is an error naming the file and the line or field, never a crash or a silent gap.</summary>
public sealed class CaptureErrorTests
{
    [Fact]
    public void Analyze_JsonGivenAsRules_NamesFileAndLine()
    {
        var error = Assert.Throws<CaptureException>(() => CaptureAnalyzer.Analyze(LabCapture.Files(rules: LabCapture.Read("networks.json"))));

        Assert.Equal("rules.txt", error.File);
        Assert.Equal(1, error.Line);
        Assert.StartsWith("rules.txt line 1: expected a table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_GarbageLineInsideATable_NamesTheLine()
    {
        var rules = LabCapture.Read("rules.txt").Replace("-A INPUT -i lo -j ACCEPT", "INPUT -i lo -j ACCEPT", StringComparison.Ordinal);

        var error = Assert.Throws<CaptureException>(() => CaptureAnalyzer.Analyze(LabCapture.Files(rules: rules)));

        Assert.Equal(10, error.Line);
        Assert.Contains("not an iptables-save line: 'INPUT -i lo -j ACCEPT'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_EmptyRules_IsRefused()
    {
        var error = Assert.Throws<CaptureException>(() => CaptureAnalyzer.Analyze(LabCapture.Files(rules: "\n")));

        Assert.Contains("no table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TruncatedJson_NamesTheLine()
    {
        var json = LabCapture.Read("containers.json");
        var cut = json[..(json.Length / 2)];

        var error = Assert.Throws<CaptureException>(() => CaptureAnalyzer.Analyze(LabCapture.Files(containers: cut)));

        Assert.Equal("containers.json", error.File);
        Assert.NotNull(error.Line);
        Assert.StartsWith("not JSON", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_FilesSwapped_SaysWhichOutputEachWants()
    {
        var containers = Assert.Throws<CaptureException>(() => CaptureAnalyzer.Analyze(LabCapture.Files(containers: LabCapture.Read("networks.json"))));
        var networks = Assert.Throws<CaptureException>(() => CaptureAnalyzer.Analyze(LabCapture.Files(networks: LabCapture.Read("containers.json"))));

        Assert.Equal("[0]", containers.Field);
        Assert.Contains("docker inspect $(docker ps -aq)", containers.Message, StringComparison.Ordinal);
        Assert.Equal("[0]", networks.Field);
        Assert.Contains("docker network inspect", networks.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_FieldOfTheWrongType_NamesItsPath()
    {
        var containers = LabCapture.Read("containers.json").Replace("\"IPAddress\": \"172.17.0.2\"", "\"IPAddress\": 17", StringComparison.Ordinal);

        var error = Assert.Throws<CaptureException>(() => CaptureAnalyzer.Analyze(LabCapture.Files(containers: containers)));

        Assert.Matches(@"^\[\d\]\.NetworkSettings(\.Networks\.bridge)?\.IPAddress$", error.Field);
        Assert.Contains("expected a string, got a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ContainerWithoutId_NamesTheField()
    {
        var containers = LabCapture.Read("containers.json").Replace("\"Id\":", "\"Ident\":", StringComparison.Ordinal);

        var error = Assert.Throws<CaptureException>(() => CaptureAnalyzer.Analyze(LabCapture.Files(containers: containers)));

        Assert.Equal("[0].Id", error.Field);
    }
}
