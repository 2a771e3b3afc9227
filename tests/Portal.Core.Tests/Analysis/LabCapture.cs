using System.Text.Json.Nodes;
using Portal.Core.Analysis;

namespace Portal.Core.Tests.Analysis;

/// <summary>
/// The capture of lab/capture-analysis.sh (Capture/): the three files a user makes on a Docker host and the agent's own
/// snapshot of that host at the same moment. The 20.10 scenario captures of Fixtures/ serve as a second capture.
/// </summary>
internal static class LabCapture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Analysis", "Capture", name));

    public static Capture Files(string? rules = null, string? containers = null, string? networks = null) => new(
        new CaptureText("rules.txt", rules ?? Read("rules.txt")),
        new CaptureText("rules6.txt", Read("rules6.txt")),
        new CaptureText("containers.json", containers ?? Read("containers.json")),
        new CaptureText("networks.json", networks ?? Read("networks.json")));

    /// <summary>The scenario fixtures' final stage, with the per-container and per-network inspect files joined as `docker inspect a b c` prints them.</summary>
    public static Capture StaleLinkStage()
    {
        string[] containers = ["fix-web", "fix-admin", "fix-client", "fix-filler", "fix-db", "fix-api"];
        return new Capture(
            new CaptureText("05-stale-link.txt", Fixture("05-stale-link.txt")),
            null,
            new CaptureText("inspect.json", Join(containers.Select(c => $"inspect-container-{c}.json"))),
            new CaptureText("networks.json", Join(["inspect-network-bridge.json", "inspect-network-fix-appnet.json"])));
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static string Join(IEnumerable<string> files)
    {
        var all = new JsonArray();
        foreach (var file in files)
        {
            foreach (var item in JsonNode.Parse(Fixture(file))!.AsArray())
            {
                all.Add(item!.DeepClone());
            }
        }

        return all.ToJsonString();
    }
}
