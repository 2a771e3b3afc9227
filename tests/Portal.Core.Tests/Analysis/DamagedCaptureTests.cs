using System.Text.Json.Nodes;
using Portal.Core.Analysis;

namespace Portal.Core.Tests.Analysis;

/// <summary>
/// Every field of a real capture replaced, one at a time, by a value of each other JSON kind: the analysis either copes
/// or refuses with a <see cref="CaptureException"/> naming the file; no other exception ever escapes.
/// </summary>
public sealed class DamagedCaptureTests
{
    private static readonly JsonNode?[] Replacements = [JsonValue.Create(42), JsonValue.Create("x"), new JsonArray(1), new JsonObject { ["a"] = 1 }, null, JsonValue.Create(true)];

    [Theory]
    [InlineData("containers.json")]
    [InlineData("networks.json")]
    public void Analyze_EachFieldOfTheWrongKind_CopesOrNamesTheFile(string file)
    {
        var original = JsonNode.Parse(LabCapture.Read(file))!;
        var paths = Paths(original, "$").ToList();
        Assert.True(paths.Count > 100, $"{file} has {paths.Count} fields");
        var refused = 0;
        foreach (var path in paths)
        {
            foreach (var replacement in Replacements)
            {
                var damaged = original.DeepClone();
                Replace(damaged, path, replacement?.DeepClone());
                var text = damaged.ToJsonString();
                try
                {
                    CaptureAnalyzer.Analyze(file == "containers.json" ? LabCapture.Files(containers: text) : LabCapture.Files(networks: text));
                }
                catch (CaptureException e)
                {
                    Assert.Equal(file, e.File);
                    refused++;
                }
            }
        }

        Assert.True(refused > 0);
    }

    private static IEnumerable<List<object>> Paths(JsonNode? node, string _, List<object>? prefix = null)
    {
        prefix ??= [];
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    List<object> path = [.. prefix, key];
                    yield return path;
                    foreach (var inner in Paths(value, _, path))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    List<object> path = [.. prefix, i];
                    yield return path;
                    foreach (var inner in Paths(array[i], _, path))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode root, List<object> path, JsonNode? value)
    {
        var parent = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            parent = path[i] is int index ? parent[index]! : parent[(string)path[i]]!;
        }

        if (path[^1] is int last)
        {
            parent.AsArray()[last] = value;
        }
        else
        {
            parent.AsObject()[(string)path[^1]] = value;
        }
    }
}
