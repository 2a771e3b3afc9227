using System.Text;
using System.Text.Json;

namespace Portal.Scenarios.Tests.Security;

/// <summary>
/// Builds the malformed requests for one operation from its OpenAPI description, deterministically: the same seed and
/// document give the same cases, so a failure reproduces with the seed the test prints.
/// </summary>
/// <param name="seed">The run's seed; each operation mixes in a stable hash of its method and path.</param>
/// <param name="realValues">
/// Real values a path parameter of this name may take when the case is about something else (the host, so a malformed
/// body reaches the change planner of a real host instead of stopping at "host not found"). Used only where that
/// request stays malformed: in GETs, and in operations with another path parameter or a body, both of which then
/// hold malformed values. A lone host parameter of an unsafe operation (DELETE /api/hosts/{host}, its token) always
/// gets fuzz values.
/// </param>
/// <param name="forbidden">Names of real objects (hosts, users, containers, networks): never sent as a fuzz value.</param>
/// <param name="extraNames">Query parameter names to add where they do not belong (every name the document uses).</param>
public sealed class FuzzCaseGenerator(int seed, IReadOnlyDictionary<string, string> realValues, IReadOnlySet<string> forbidden, IReadOnlyList<string> extraNames)
{
    public IReadOnlyList<FuzzCase> For(ApiOperation operation, int cap)
    {
        var random = new Random(seed ^ StableHash(operation.ToString()));
        var cases = new List<FuzzCase>();
        cases.AddRange(PathCases(operation));
        cases.AddRange(QueryCases(operation, random));
        cases.AddRange(operation.Body is null ? UnexpectedBodyCases(operation) : BodyCases(operation));
        return Pick(cases, cap, random);
    }

    /// <summary>The baseline request without its fuzz: every parameter and field at its (malformed) baseline.</summary>
    public FuzzCase Baseline(ApiOperation operation) =>
        operation.Body is null
            ? new FuzzCase(operation, "baseline", "no body", Target(operation, null, null), null, null)
            : FuzzCase.Json(operation, "baseline", "baseline body", Target(operation, null, null), BodyJson(operation.Body, null, null));

    private IEnumerable<FuzzCase> PathCases(ApiOperation operation)
    {
        string[] pool = [FuzzValues.Huge, .. FuzzValues.Unicode, .. FuzzValues.Injection, .. FuzzValues.NumbersAsText];
        foreach (var parameter in operation.PathParameters)
        {
            foreach (var value in pool.Where(Allowed))
            {
                yield return Case(operation, $"path {parameter.Name}", Describe(value), Target(operation, parameter.Name, value));
            }
        }
    }

    private IEnumerable<FuzzCase> QueryCases(ApiOperation operation, Random random)
    {
        foreach (var parameter in operation.QueryParameters)
        {
            IEnumerable<string> pool = parameter.Kind switch
            {
                ValueKind.Boolean => [.. FuzzValues.NotBooleans, .. FuzzValues.NumbersAsText.Take(4), .. FuzzValues.Injection.Take(4)],
                ValueKind.Integer or ValueKind.Number => [.. FuzzValues.NumbersAsText, "abc", .. FuzzValues.Injection.Take(4)],
                _ => [FuzzValues.Huge, .. FuzzValues.ShortStrings, .. FuzzValues.NumbersAsText.Take(4)],
            };
            foreach (var value in pool)
            {
                var query = $"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(value)}";
                yield return Case(operation, $"query {parameter.Name}", Describe(value), Target(operation, null, null, query));
            }

            var twice = $"{parameter.Name}={Uri.EscapeDataString(FuzzValues.BaselineString)}&{parameter.Name}={Uri.EscapeDataString("$(reboot)")}";
            yield return Case(operation, $"query {parameter.Name}", "given twice", Target(operation, null, null, twice));
        }

        // Parameters the operation does not declare, named like ones it might read (routes that read the query by hand).
        var shortPool = FuzzValues.ShortStrings.Concat(FuzzValues.NumbersAsText).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var query = string.Join('&', extraNames.Select(n => $"{Uri.EscapeDataString(n)}={Uri.EscapeDataString(shortPool[random.Next(shortPool.Length)])}"));
            yield return Case(operation, "query extra", $"undeclared parameters, round {round + 1}", Target(operation, null, null, query));
        }

        yield return Case(operation, "query extra", "malformed query string", Target(operation, null, null, "%zz=%&&=&a==b&%00"));
    }

    private IEnumerable<FuzzCase> BodyCases(ApiOperation operation)
    {
        var fields = operation.Body!;
        var target = Target(operation, null, null);
        foreach (var field in fields)
        {
            if (field.Required)
            {
                yield return FuzzCase.Json(operation, "body missing", field.Name, target, BodyJson(fields, field.Name, null));
            }

            foreach (var literal in FuzzValues.WrongJsonTypes(field.Kind))
            {
                yield return FuzzCase.Json(operation, "body wrong type", $"{field.Name}={literal}", target, BodyJson(fields, field.Name, literal));
            }

            IEnumerable<string> values = field.Kind switch
            {
                ValueKind.String => [.. FuzzValues.ShortStrings.Select(Literal), Literal(FuzzValues.Huge)],
                ValueKind.Integer or ValueKind.Number => FuzzValues.NumbersAsJson,
                _ => [],
            };
            foreach (var literal in values)
            {
                yield return FuzzCase.Json(operation, "body field value", $"{field.Name}={(literal.Length > 40 ? $"{literal.Length} chars" : literal)}", target, BodyJson(fields, field.Name, literal));
            }
        }

        var baseline = BodyJson(fields, null, null);
        yield return FuzzCase.Json(operation, "body shape", "empty object", target, "{}");
        yield return FuzzCase.Json(operation, "body shape", "null", target, "null");
        yield return FuzzCase.Json(operation, "body shape", "array instead of object", target, $"[{baseline}]");
        yield return FuzzCase.Json(operation, "body shape", "empty array", target, "[]");
        yield return FuzzCase.Json(operation, "body shape", "string instead of object", target, Literal(FuzzValues.BaselineString));
        yield return FuzzCase.Json(operation, "body shape", "number instead of object", target, "-1");
        yield return FuzzCase.Json(operation, "body shape", "extra fields", target, baseline.TrimEnd('}') + ",\"extra\":\"$(reboot)\",\"__proto__\":{\"admin\":true},\"$type\":\"System.Object\",\"role\":\"admin\"}");
        yield return FuzzCase.Json(operation, "body shape", "duplicate keys", target, baseline.TrimEnd('}') + (fields.Count > 0 ? $",\"{fields[0].Name}\":\"../../etc/passwd\"}}" : "}"));
        yield return FuzzCase.Json(operation, "body shape", "deeply nested objects", target, string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000));
        yield return FuzzCase.Json(operation, "body shape", "deeply nested arrays", target, new string('[', 100_000) + new string(']', 100_000));
        if (fields.FirstOrDefault(f => f.Kind == ValueKind.String) is { } text)
        {
            yield return FuzzCase.Json(operation, "body shape", $"1 MB string in {text.Name}", target, BodyJson(fields, text.Name, Literal(FuzzValues.Megabyte)));
            yield return FuzzCase.Json(operation, "body shape", $"lone surrogate in {text.Name}", target, BodyJson(fields, text.Name, "\"\\ud800x\""));
        }

        yield return FuzzCase.Json(operation, "body invalid json", "truncated", target, baseline[..(baseline.Length / 2)]);
        yield return FuzzCase.Json(operation, "body invalid json", "trailing garbage", target, baseline + "}{x");
        yield return FuzzCase.Json(operation, "body invalid json", "single quotes and comments", target, "{'a': 1 /* c */,}");
        yield return new FuzzCase(operation, "body invalid json", "invalid UTF-8", target, [(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'], "application/json");
        yield return new FuzzCase(operation, "body invalid json", "UTF-16 bytes", target, Encoding.Unicode.GetBytes(baseline), "application/json");
        foreach (var c in ContentTypeCases(operation, target, baseline))
        {
            yield return c;
        }

        yield return new FuzzCase(operation, "body none", "no body", target, null, null);
        yield return new FuzzCase(operation, "body none", "empty JSON body", target, [], "application/json");
    }

    /// <summary>An operation without a body gets one anyway: JSON it does not expect, broken JSON, other media types.</summary>
    private IEnumerable<FuzzCase> UnexpectedBodyCases(ApiOperation operation)
    {
        var target = Target(operation, null, null);
        yield return FuzzCase.Json(operation, "unexpected body", "JSON object", target, "{\"extra\":\"$(reboot)\",\"role\":\"admin\"}");
        yield return FuzzCase.Json(operation, "unexpected body", "invalid JSON", target, "{\"a\":");
        foreach (var c in ContentTypeCases(operation, target, "{\"extra\":1}"))
        {
            yield return c;
        }
    }

    private static IEnumerable<FuzzCase> ContentTypeCases(ApiOperation operation, string target, string json)
    {
        yield return new FuzzCase(operation, "content type", "text/plain", target, Encoding.UTF8.GetBytes(json), "text/plain");
        yield return new FuzzCase(operation, "content type", "form-urlencoded", target, Encoding.UTF8.GetBytes("userName=admin&role=admin&name=x"), "application/x-www-form-urlencoded");
        yield return new FuzzCase(operation, "content type", "xml", target, Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"), "application/xml");
        yield return new FuzzCase(operation, "content type", "multipart", target, Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--\r\n"), "multipart/form-data; boundary=b");
        yield return new FuzzCase(operation, "content type", "JSON with an unknown charset", target, Encoding.UTF8.GetBytes(json), "application/json; charset=ebcdic-fuzz");
        yield return new FuzzCase(operation, "content type", "malformed content type", target, Encoding.UTF8.GetBytes(json), "application/json;;;===");
        yield return new FuzzCase(operation, "content type", "JSON without a content type", target, Encoding.UTF8.GetBytes(json), null);
    }

    /// <summary>A path or query case; with a body operation it carries the baseline body, which fails on its own too.</summary>
    private static FuzzCase Case(ApiOperation operation, string category, string name, string target) =>
        operation.Body is null
            ? new FuzzCase(operation, category, name, target, null, null)
            : FuzzCase.Json(operation, category, name, target, BodyJson(operation.Body, null, null));

    /// <summary>The path with every parameter filled (the fuzzed one with its value), plus an optional query.</summary>
    private string Target(ApiOperation operation, string? fuzzed, string? value, string? query = null)
    {
        var path = operation.Path;
        var pathParameters = operation.PathParameters.ToList();
        foreach (var parameter in pathParameters)
        {
            var filled = parameter.Name == fuzzed ? value! : BaselineOf(operation, parameter, pathParameters.Count);
            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(filled), StringComparison.Ordinal);
        }

        return query is null ? path : path + "?" + query;
    }

    private string BaselineOf(ApiOperation operation, ApiParameter parameter, int pathParameterCount)
    {
        var malformedElsewhere = operation.IsSafe || pathParameterCount > 1 || operation.Body is not null;
        return malformedElsewhere && realValues.TryGetValue(parameter.Name, out var real) ? real : FuzzValues.BaselineString;
    }

    /// <summary>The body with every field at its baseline, one field left out or replaced by a raw JSON literal.</summary>
    private static string BodyJson(IReadOnlyList<BodyField> fields, string? field, string? literal)
    {
        var parts = fields
            .Where(f => f.Name != field || literal is not null)
            .Select(f => $"{Literal(f.Name)}:{(f.Name == field ? literal : FuzzValues.BaselineJson(f.Kind))}");
        return "{" + string.Join(',', parts) + "}";
    }

    private bool Allowed(string value) => value.Length > 0 && !forbidden.Contains(value);

    private static string Literal(string text) => JsonSerializer.Serialize(text);

    private static string Describe(string value) =>
        value.Length > 40 ? $"{value.Length} chars" : JsonSerializer.Serialize(value);

    /// <summary>Up to <paramref name="cap"/> cases, taking each category in turn so that every kind of fault is tried.</summary>
    private static List<FuzzCase> Pick(List<FuzzCase> cases, int cap, Random random)
    {
        var byCategory = cases.GroupBy(c => c.Category)
            .Select(g => new Queue<FuzzCase>(g.OrderBy(_ => random.Next())))
            .ToList();
        var picked = new List<FuzzCase>();
        while (picked.Count < cap && byCategory.Any(q => q.Count > 0))
        {
            foreach (var queue in byCategory.Where(q => q.Count > 0))
            {
                if (picked.Count == cap)
                {
                    break;
                }

                picked.Add(queue.Dequeue());
            }
        }

        return picked;
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
