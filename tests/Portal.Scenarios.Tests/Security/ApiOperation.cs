using System.Text.Json.Nodes;

namespace Portal.Scenarios.Tests.Security;

/// <summary>What a field or parameter holds, as far as the fuzz cares: the JSON type it binds to.</summary>
public enum ValueKind
{
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
}

/// <summary>A path or query parameter of an operation, from the OpenAPI document.</summary>
public sealed record ApiParameter(string Name, string Location, ValueKind Kind, bool Required);

/// <summary>A property of a request body's object schema.</summary>
public sealed record BodyField(string Name, ValueKind Kind, bool Required);

/// <summary>
/// One operation (path and method) of the OpenAPI document. <see cref="Body"/> is the object schema's fields when the
/// operation takes a JSON body, else null.
/// </summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<BodyField>? Body)
{
    public IEnumerable<ApiParameter> PathParameters => Parameters.Where(p => p.Location == "path");

    public IEnumerable<ApiParameter> QueryParameters => Parameters.Where(p => p.Location == "query");

    /// <summary>GET, HEAD and OPTIONS change nothing by definition; everything else is unsafe.</summary>
    public bool IsSafe => Method is "GET" or "HEAD" or "OPTIONS";

    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation of an OpenAPI 3 document, in document order, with body schemas resolved through $ref.</summary>
    public static IReadOnlyList<ApiOperation> AllOf(JsonNode document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var parameters = (operation!["parameters"]?.AsArray() ?? [])
                    .Select(p => new ApiParameter(
                        p!["name"]!.GetValue<string>(),
                        p["in"]!.GetValue<string>(),
                        KindOf(Resolve(p["schema"], schemas)),
                        p["required"]?.GetValue<bool>() == true))
                    .ToList();
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path, parameters, BodyOf(operation, schemas)));
            }
        }

        return operations;
    }

    private static List<BodyField>? BodyOf(JsonNode operation, JsonObject? schemas)
    {
        var content = operation["requestBody"]?["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return null;
        }

        var schema = Resolve(content.FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)).Value?["schema"] ?? content.First().Value?["schema"], schemas);
        var required = (schema?["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
        return (schema?["properties"]?.AsObject() ?? [])
            .Select(p => new BodyField(p.Key, KindOf(Resolve(p.Value, schemas)), required.Contains(p.Key)))
            .ToList();
    }

    /// <summary>Follows $ref and picks the non-null branch of a nullable oneOf/anyOf.</summary>
    private static JsonNode? Resolve(JsonNode? schema, JsonObject? schemas)
    {
        for (var depth = 0; schema is not null && depth < 10; depth++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = schemas?[reference.Split('/')[^1]];
                continue;
            }

            if ((schema["oneOf"] ?? schema["anyOf"])?.AsArray() is { } branches)
            {
                schema = branches.FirstOrDefault(b => b?["type"]?.ToString() != "null") ?? branches.FirstOrDefault();
                continue;
            }

            return schema;
        }

        return schema;
    }

    private static ValueKind KindOf(JsonNode? schema)
    {
        // Types come as "string" or as a list such as ["null", "integer", "string"] (an int that also binds from text).
        var types = schema?["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => schema?["properties"] is not null ? ["object"] : ["string"],
        };
        return types.Contains("integer") ? ValueKind.Integer
            : types.Contains("number") ? ValueKind.Number
            : types.Contains("boolean") ? ValueKind.Boolean
            : types.Contains("object") ? ValueKind.Object
            : types.Contains("array") ? ValueKind.Array
            : ValueKind.String;
    }
}
