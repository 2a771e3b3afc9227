using System.Text.Json;

namespace Portal.Core.Nftables;

/// <summary>
/// Reads the output of <c>nft -j list ruleset</c> (the libnftables JSON schema: an <c>nftables</c> array of
/// <c>metainfo</c>, <c>table</c>, <c>chain</c>, <c>rule</c>, <c>set</c>, <c>map</c> objects) into an <see cref="NftRuleset"/>.
/// Rules are rendered back to nft's syntax for the expressions Docker writes (matches on meta, payload, ct and fib,
/// verdicts, verdict maps, counter, masquerade, dnat/snat); any other expression is kept as its JSON, so nothing is lost.
/// </summary>
public static class NftJsonParser
{
    public static NftRuleset Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var tables = new List<(string Family, string Name)>();
        var chains = new Dictionary<(string, string, string), (string? Hook, string? Policy, List<NftRule> Rules)>();
        var chainOrder = new List<(string Family, string Table, string Name)>();
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("table", out var table))
            {
                tables.Add((Text(table, "family"), Text(table, "name")));
            }
            else if (item.TryGetProperty("chain", out var chain))
            {
                var key = (Text(chain, "family"), Text(chain, "table"), Text(chain, "name"));
                chains[key] = (Optional(chain, "hook"), Optional(chain, "policy"), []);
                chainOrder.Add(key);
            }
            else if (item.TryGetProperty("rule", out var rule))
            {
                var key = (Text(rule, "family"), Text(rule, "table"), Text(rule, "chain"));
                if (!chains.TryGetValue(key, out var found))
                {
                    chains[key] = found = (null, null, []);
                    chainOrder.Add(key);
                }

                var comment = Optional(rule, "comment");
                var handle = rule.TryGetProperty("handle", out var h) && h.TryGetInt64(out var n) ? n : 0;
                found.Rules.Add(new NftRule(handle, RenderRule(rule, comment), comment));
            }
        }

        return new NftRuleset(tables
            .Select(t => new NftTable(t.Family, t.Name, chainOrder
                .Where(c => c.Family == t.Family && c.Table == t.Name)
                .Select(c => new NftChain(c.Name, chains[c].Hook, chains[c].Policy, chains[c].Rules))
                .ToList()))
            .ToList());
    }

    private static string RenderRule(JsonElement rule, string? comment)
    {
        var parts = new List<string>();
        if (rule.TryGetProperty("expr", out var expressions))
        {
            parts.AddRange(expressions.EnumerateArray().Select(Statement));
        }

        if (comment is not null)
        {
            parts.Add($"comment \"{comment}\"");
        }

        return string.Join(' ', parts);
    }

    private static string Statement(JsonElement statement)
    {
        var property = statement.EnumerateObject().FirstOrDefault();
        var value = property.Value;
        return property.Name switch
        {
            "match" => Match(value),
            "counter" => "counter",
            "accept" or "drop" or "return" or "continue" => property.Name,
            "jump" or "goto" => $"{property.Name} {Text(value, "target")}",
            "masquerade" => "masquerade",
            "dnat" or "snat" => $"{property.Name} to {Address(value)}",
            "vmap" => $"{Expression(value.GetProperty("key"))} vmap {Expression(value.GetProperty("data"))}",
            "notrack" => "notrack",
            _ => statement.GetRawText(),
        };
    }

    private static string Match(JsonElement match)
    {
        var op = Optional(match, "op") ?? "==";
        var left = Expression(match.GetProperty("left"));
        var right = Expression(match.GetProperty("right"), quote: left is "iifname" or "oifname");
        return op is "==" or "in" ? $"{left} {right}" : $"{left} {op} {right}";
    }

    private static string Expression(JsonElement e, bool quote = false)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                var s = e.GetString()!;
                return quote ? $"\"{s}\"" : s;
            case JsonValueKind.Number:
                return e.GetRawText();
            case JsonValueKind.Array:
                return string.Join(',', e.EnumerateArray().Select(x => Expression(x, quote)));
            case JsonValueKind.Object:
                break;
            default:
                return e.GetRawText();
        }

        var property = e.EnumerateObject().First();
        var value = property.Value;
        return property.Name switch
        {
            "meta" => Text(value, "key"),
            "payload" => $"{Text(value, "protocol")} {Text(value, "field")}",
            "ct" => $"ct {Text(value, "key")}",
            "fib" => $"fib {string.Join('.', value.GetProperty("flags").EnumerateArray().Select(f => f.GetString()))} {Text(value, "result")}",
            "prefix" => $"{Text(value, "addr")}/{value.GetProperty("len").GetRawText()}",
            "range" => $"{Expression(value[0])}-{Expression(value[1])}",
            "set" => "{ " + string.Join(", ", value.EnumerateArray().Select(x => Expression(x, quote))) + " }",
            _ => e.GetRawText(),
        };
    }

    private static string Address(JsonElement nat)
    {
        var address = nat.TryGetProperty("addr", out var a) ? Expression(a) : string.Empty;
        if (!nat.TryGetProperty("port", out var port))
        {
            return address;
        }

        var family = Optional(nat, "family");
        var bracketed = address.Contains(':', StringComparison.Ordinal) || family == "ip6" ? $"[{address}]" : address;
        return $"{bracketed}:{Expression(port)}";
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : string.Empty;

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

}
