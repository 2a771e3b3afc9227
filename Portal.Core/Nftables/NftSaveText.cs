using System.Text;
using Portal.Core.Iptables;

namespace Portal.Core.Nftables;

/// <summary>
/// An nftables ruleset in iptables-save's layout, so that the agent's one pipeline (parse, diff, watch, history,
/// ownership, deltas) carries it unchanged: a table per <c>*</c> line (<c>ip</c> tables by their name, <c>ip6</c> tables
/// under <see cref="RuleFamily"/>'s IPv6 name, other families as "family name"), base chains declared with their policy,
/// and each rule as <c>-A CHAIN</c> followed by nft's own text of it.
/// </summary>
public static class NftSaveText
{
    public static string Render(NftRuleset ruleset)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        var text = new StringBuilder();
        foreach (var table in ruleset.Tables)
        {
            text.Append('*').Append(TableName(table)).Append('\n');
            foreach (var chain in table.Chains)
            {
                var policy = chain.Hook is null ? "-" : (chain.Policy ?? "accept").ToUpperInvariant();
                text.Append(':').Append(chain.Name).Append(' ').Append(policy).Append(" [0:0]\n");
            }

            foreach (var chain in table.Chains)
            {
                foreach (var rule in chain.Rules)
                {
                    text.Append("-A ").Append(chain.Name).Append(' ').Append(rule.Text).Append('\n');
                }
            }

            text.Append("COMMIT\n");
        }

        return text.ToString();
    }

    /// <summary>The ruleset's table name for an nft table: "docker-bridges", "ip6:docker-bridges", "inet filter".</summary>
    public static string TableName(NftTable table) => table.Family switch
    {
        "ip" => table.Name,
        "ip6" => RuleFamily.TableName(table.Name, ipv6: true),
        _ => $"{table.Family} {table.Name}",
    };
}
