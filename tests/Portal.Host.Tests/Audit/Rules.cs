using Portal.Contracts.Model;
using Portal.Core.Iptables;

namespace Portal.Host.Tests.Audit;

/// <summary>Small iptables-save dumps in the shape dockerd 20.10 writes (its FORWARD, isolation, NAT and port rules).</summary>
public static class Rules
{
    public const string Dnat = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";
    public const string Accept = "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
    public const string Manual = "-A aud-test -s 10.99.0.1/32 -j RETURN";

    public static string Save(IEnumerable<string>? natDocker = null, IEnumerable<string>? filterDocker = null, IEnumerable<string>? auditChain = null) =>
        "*mangle\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n"
        + "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
        + "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n"
        + "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n"
        + "-A DOCKER -i docker0 -j RETURN\n"
        + string.Concat((natDocker ?? []).Select(r => r + "\n"))
        + "COMMIT\n"
        + "*filter\n:FORWARD DROP [0:0]\n:DOCKER - [0:0]\n:aud-test - [0:0]\n"
        + "-A FORWARD -o docker0 -j DOCKER\n"
        + string.Concat((filterDocker ?? []).Select(r => r + "\n"))
        + string.Concat((auditChain ?? []).Select(r => r + "\n"))
        + "COMMIT\n";

    public static Ruleset Parse(string text) => RulesetParser.Parse(text);

    public static RuleChange Change(string table, string chain, ChangeKind change, string text, int index) =>
        new(DateTimeOffset.UnixEpoch, table, chain, change, text, RuleOwner.Unknown, ChangeCause.External, index);

    /// <summary>The -A lines of one table, as a test compares them with iptables-save.</summary>
    public static IReadOnlyList<string> Lines(string save, string table)
    {
        var lines = new List<string>();
        var inTable = false;
        foreach (var line in save.Split('\n'))
        {
            if (line.StartsWith('*'))
            {
                inTable = line == "*" + table;
            }
            else if (inTable && line.StartsWith("-A ", StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
