using System.Text;

namespace Portal.Core.Iptables;

/// <summary>Writes a parsed rule back in iptables-save's syntax, from its options alone.</summary>
internal static class RuleRenderer
{
    public static string Render(ParsedRule rule)
    {
        if (rule.Verbatim)
        {
            return rule.Text;
        }

        var builder = new StringBuilder(rule.Text.Length);
        Append(builder, rule);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, ParsedRule rule)
    {
        if (rule.Verbatim)
        {
            builder.Append(rule.Text);
            return;
        }

        builder.Append("-A ").Append(rule.Chain);
        foreach (var option in rule.Options)
        {
            if (option.Negated && !option.NegatedAfterName)
            {
                builder.Append(" !");
            }

            builder.Append(' ').Append(option.Name);
            if (option.NegatedAfterName)
            {
                builder.Append(" !");
            }

            foreach (var value in option.RawValues)
            {
                builder.Append(' ').Append(value);
            }
        }
    }
}
