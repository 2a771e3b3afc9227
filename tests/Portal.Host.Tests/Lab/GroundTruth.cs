using System.Text.Json;

namespace Portal.Host.Tests;

/// <summary>Reads the lab's own tools' output the simplest way, independently of the agent's parsers.</summary>
public static class GroundTruth
{
    /// <summary>"table/chain" and its -A lines in printed order, chains in order of first appearance.</summary>
    public static List<(string Chain, List<string> Rules)> RulesByChain(string iptablesSave)
    {
        var result = new List<(string Chain, List<string> Rules)>();
        var table = string.Empty;
        foreach (var line in iptablesSave.Split('\n'))
        {
            if (line.StartsWith('*'))
            {
                table = line[1..];
            }
            else if (line.StartsWith("-A ", StringComparison.Ordinal))
            {
                var key = table + "/" + line.Split(' ')[1];
                var entry = result.FirstOrDefault(r => r.Chain == key);
                if (entry.Rules is null)
                {
                    entry = (key, []);
                    result.Add(entry);
                }

                entry.Rules.Add(line);
            }
        }

        return result;
    }

    /// <summary>/etc/hosts lines as (address, names) pairs, comments and blank lines dropped.</summary>
    public static List<(string Address, string Names)> HostsLines(string text) =>
        [.. text.Split('\n')
            .Select(l => l.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 2)
            .Select(f => (f[0], string.Join(' ', f[1..])))];

    public static List<string> InterfaceNames(string ipJson)
    {
        using var document = JsonDocument.Parse(ipJson.Trim().Length == 0 ? "[]" : ipJson);
        return [.. document.RootElement.EnumerateArray().Select(l => l.GetProperty("ifname").GetString()!).Order(StringComparer.Ordinal)];
    }

    public static string? String(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } value ? value : null;
    }
}
