using System.Text.Json.Nodes;
using Portal.Lab.Stack;

namespace Portal.Host.Tests.Footprint;

/// <summary>
/// The agent's idle footprint depends on its GC settings (docs/benchmarks.md, "Agent idle cost"): Server GC with DATAS,
/// no background GC. They live in the project file, so every build and publish must carry them in the runtimeconfig.json
/// the runtime reads at start: the build output next to these tests and the publish output the lab and images run.
/// </summary>
public sealed class AgentGcSettingsTests
{
    public static TheoryData<string> Outputs => ["build", "publish"];

    [Theory]
    [MemberData(nameof(Outputs))]
    public void RuntimeConfig_CarriesTheIdleFootprintGcSettings(string output)
    {
        var dll = output == "build" ? Path.Combine(AppContext.BaseDirectory, "Portal.Host.dll") : PortalBinaries.Agent;
        var path = Path.ChangeExtension(dll, ".runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;

        Assert.True(properties["System.GC.Server"]?.GetValue<bool>(), $"{path}: System.GC.Server");
        Assert.Equal(1, properties["System.GC.DynamicAdaptationMode"]?.GetValue<int>());
        Assert.False(properties["System.GC.Concurrent"]?.GetValue<bool>() ?? true, $"{path}: System.GC.Concurrent");
    }
}
