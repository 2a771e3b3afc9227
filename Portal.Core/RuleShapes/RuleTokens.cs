using Portal.Core.Iptables;

namespace Portal.Core.RuleShapes;

/// <summary>A parsed rule as the tokens a template is matched against.</summary>
internal static class RuleTokens
{
    /// <summary>The rule after <c>-A CHAIN</c> as decoded tokens, a negation always written before its option.</summary>
    public static void Fill(ParsedRule rule, List<string> tokens)
    {
        tokens.Clear();
        foreach (var option in rule.Options)
        {
            if (option.Negated)
            {
                tokens.Add("!");
            }

            tokens.Add(option.Name);
            foreach (var value in option.Values)
            {
                tokens.Add(value);
            }
        }
    }
}
