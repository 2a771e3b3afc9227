using System.Text;

namespace Portal.Core.Tests.Support;

/// <summary>
/// What <c>iptables-restore --noflush</c> does to a host's tables, on iptables-save text: per table, all or nothing at
/// COMMIT; a user chain declared (<c>:NAME - [0:0]</c>) is created or flushed, a built-in one only gets its policy;
/// <c>-A</c>, <c>-I CHAIN [N]</c> and <c>-D</c> need their chain to exist (else the whole input is refused, as
/// iptables-restore refuses it). Tables and chains the input does not name are left exactly as they were.
/// </summary>
internal static class NoflushRestore
{
    public static string Apply(string saved, string restore)
    {
        var tables = Read(saved);
        Table? pending = null;
        string? name = null;
        foreach (var raw in restore.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('*'))
            {
                name = line[1..];
                pending = tables.TryGetValue(name, out var existing) ? existing.Copy() : new Table();
                continue;
            }

            if (pending is null || name is null)
            {
                throw new InvalidOperationException($"iptables-restore: line outside a table: {line}");
            }

            if (line == "COMMIT")
            {
                tables[name] = pending;
                pending = null;
                continue;
            }

            if (line.StartsWith(':'))
            {
                var parts = line[1..].Split(' ');
                if (parts[1] == "-")
                {
                    pending.Declare(parts[0]);
                }
                else
                {
                    pending.Builtin(parts[0], parts[1]);
                }

                continue;
            }

            var words = line.Split(' ', 3);
            var chain = words[1];
            if (!pending.Rules.TryGetValue(chain, out var rules))
            {
                throw new InvalidOperationException($"iptables-restore: chain '{chain}' does not exist (table {name}): {line}");
            }

            switch (words[0])
            {
                case "-A":
                    rules.Add(words[2]);
                    break;
                case "-I":
                    var rest = words[2];
                    var position = 1;
                    var space = rest.IndexOf(' ', StringComparison.Ordinal);
                    if (space > 0 && int.TryParse(rest.AsSpan(0, space), out var n))
                    {
                        position = n;
                        rest = rest[(space + 1)..];
                    }

                    if (position < 1 || position > rules.Count + 1)
                    {
                        throw new InvalidOperationException($"iptables-restore: index of insertion too big: {line}");
                    }

                    rules.Insert(position - 1, rest);
                    break;
                case "-D":
                    if (!rules.Remove(words[2]))
                    {
                        throw new InvalidOperationException($"iptables-restore: no such rule: {line}");
                    }

                    break;
                default:
                    throw new InvalidOperationException($"iptables-restore: unsupported command: {line}");
            }
        }

        if (pending is not null)
        {
            throw new InvalidOperationException("iptables-restore: no COMMIT");
        }

        return Write(tables);
    }

    private static Dictionary<string, Table> Read(string saved)
    {
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        Table? current = null;
        foreach (var raw in saved.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('*'))
            {
                current = new Table();
                tables[line[1..]] = current;
            }
            else if (line.StartsWith(':') && current is not null)
            {
                var parts = line[1..].Split(' ');
                current.Order.Add(parts[0]);
                current.Policies[parts[0]] = parts[1];
                current.Rules[parts[0]] = [];
            }
            else if (line.StartsWith("-A ", StringComparison.Ordinal) && current is not null)
            {
                var words = line.Split(' ', 3);
                current.Rules[words[1]].Add(words.Length > 2 ? words[2] : string.Empty);
            }
        }

        return tables;
    }

    private static string Write(Dictionary<string, Table> tables)
    {
        var text = new StringBuilder();
        foreach (var (name, table) in tables)
        {
            text.Append('*').Append(name).Append('\n');
            foreach (var chain in table.Order)
            {
                text.Append(':').Append(chain).Append(' ').Append(table.Policies[chain]).Append(" [0:0]\n");
            }

            foreach (var chain in table.Order)
            {
                foreach (var rule in table.Rules[chain])
                {
                    text.Append("-A ").Append(chain).Append(' ').Append(rule).Append('\n');
                }
            }

            text.Append("COMMIT\n");
        }

        return text.ToString();
    }

    private sealed class Table
    {
        public List<string> Order { get; } = [];

        public Dictionary<string, string> Policies { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<string>> Rules { get; } = new(StringComparer.Ordinal);

        public void Declare(string chain)
        {
            if (Rules.TryGetValue(chain, out var rules))
            {
                rules.Clear();
                return;
            }

            Order.Add(chain);
            Policies[chain] = "-";
            Rules[chain] = [];
        }

        public void Builtin(string chain, string policy)
        {
            if (!Rules.ContainsKey(chain))
            {
                Order.Add(chain);
                Rules[chain] = [];
            }

            Policies[chain] = policy;
        }

        public Table Copy()
        {
            var copy = new Table();
            copy.Order.AddRange(Order);
            foreach (var (chain, policy) in Policies)
            {
                copy.Policies[chain] = policy;
            }

            foreach (var (chain, rules) in Rules)
            {
                copy.Rules[chain] = [.. rules];
            }

            return copy;
        }
    }
}
