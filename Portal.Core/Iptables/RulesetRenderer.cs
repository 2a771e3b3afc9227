using System.Text;

namespace Portal.Core.Iptables;

/// <summary>
/// Writes a <see cref="Ruleset"/> in iptables-save's format: per table the <c>*table</c> line, the chain
/// declarations, the rules in their input order (with <c>[p:b]</c> when they had counters), and COMMIT.
/// </summary>
public static class RulesetRenderer
{
    public static string Render(Ruleset ruleset)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        var builder = new StringBuilder();
        foreach (var table in ruleset.Tables)
        {
            var named = table.Name.Length > 0;
            if (named)
            {
                builder.Append('*').Append(table.Name).Append('\n');
            }

            foreach (var chain in table.Chains)
            {
                if (chain.Policy is not null)
                {
                    builder.Append(':').Append(chain.Name).Append(' ').Append(chain.Policy);
                    if (chain.Counters is { } counters)
                    {
                        builder.Append(' ').Append(counters.ToString());
                    }

                    builder.Append('\n');
                }
            }

            // Rules in the order they were read: iptables-save prints them chain by chain, but a hand-written
            // input may interleave chains, and either way the output must equal the input.
            foreach (var rule in table.Chains.SelectMany(c => c.Rules).OrderBy(r => r.Line))
            {
                if (rule.Counters is { } counters)
                {
                    builder.Append(counters.ToString()).Append(' ');
                }

                RuleRenderer.Append(builder, rule);
                builder.Append('\n');
            }

            if (named)
            {
                builder.Append("COMMIT\n");
            }
        }

        return builder.ToString();
    }
}
