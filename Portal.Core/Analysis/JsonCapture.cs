using System.Text.Json;

namespace Portal.Core.Analysis;

/// <summary>
/// Reads a captured JSON file field by field, so a wrong one fails with the file and the field's path
/// (<c>[2].NetworkSettings.Networks.bridge.IPAddress</c>) instead of a crash or a silent gap.
/// </summary>
internal sealed class JsonCapture(string file)
{
    public string File { get; } = file;

    /// <summary>The items of the file: Docker prints an array; a single object (one container pasted alone) counts as one.</summary>
    public static IReadOnlyList<JsonElement> Items(CaptureText capture)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(capture.Text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
            throw new CaptureException(capture.Name, $"not JSON: {FirstSentence(e.Message)}", line, inner: e);
        }

        var root = document.RootElement.Clone();
        document.Dispose();
        return root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray()],
            JsonValueKind.Object => [root],
            _ => throw new CaptureException(capture.Name, $"expected a JSON array (Docker's output), got {Kind(root)}"),
        };
    }

    public string RequiredString(JsonElement parent, string path, string name) =>
        String(parent, path, name) is { Length: > 0 } value ? value : throw Missing(path, name, "a string");

    public string? String(JsonElement parent, string path, string name)
    {
        if (!Member(parent, path).TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(path, name, "a string", value);
    }

    public bool Bool(JsonElement parent, string path, string name)
    {
        if (!Member(parent, path).TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(path, name, "true or false", value),
        };
    }

    /// <summary>An object member, or null when absent or null.</summary>
    public JsonElement? Object(JsonElement parent, string path, string name)
    {
        if (!Member(parent, path).TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Wrong(path, name, "an object", value);
    }

    /// <summary>An array member, or empty when absent or null.</summary>
    public IReadOnlyList<JsonElement> Array(JsonElement parent, string path, string name)
    {
        if (!Member(parent, path).TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : throw Wrong(path, name, "an array", value);
    }

    /// <summary>The strings of an array member.</summary>
    public IReadOnlyList<string> Strings(JsonElement parent, string path, string name)
    {
        var items = Array(parent, path, name);
        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            result.Add(items[i].ValueKind == JsonValueKind.String
                ? items[i].GetString()!
                : throw new CaptureException(File, $"expected a string, got {Kind(items[i])}", field: $"{path}.{name}[{i}]"));
        }

        return result;
    }

    /// <summary>A map of strings (Options, Labels).</summary>
    public IReadOnlyDictionary<string, string> StringMap(JsonElement parent, string path, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Object(parent, path, name) is not { } map)
        {
            return result;
        }

        foreach (var entry in map.EnumerateObject())
        {
            result[entry.Name] = entry.Value.ValueKind == JsonValueKind.String
                ? entry.Value.GetString()!
                : throw new CaptureException(File, $"expected a string, got {Kind(entry.Value)}", field: $"{path}.{name}.{entry.Name}");
        }

        return result;
    }

    public CaptureException Error(string path, string problem) => new(File, problem, field: path);

    // Every member is read from an object; anything else at that path is the file's error, not an exception of ours.
    private JsonElement Member(JsonElement parent, string path) =>
        parent.ValueKind == JsonValueKind.Object ? parent : throw new CaptureException(File, $"expected an object, got {Kind(parent)}", field: path);

    private CaptureException Missing(string path, string name, string what) => new(File, $"missing: expected {what}", field: $"{path}.{name}");

    private CaptureException Wrong(string path, string name, string what, JsonElement value) =>
        new(File, $"expected {what}, got {Kind(value)}", field: $"{path}.{name}");

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
