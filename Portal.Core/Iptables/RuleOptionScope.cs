namespace Portal.Core.Iptables;

/// <summary>Which part of a rule an option belongs to: the rule itself, a match module (<c>-m</c>) or the target (<c>-j</c>/<c>-g</c>).</summary>
public enum RuleOptionScope
{
    Rule,
    Match,
    Target,
}
