namespace Portal.Core.Iptables;

/// <summary>A rule-level match such as <c>-s</c> or <c>-o</c>: its value and whether it is negated (<c>!</c>).</summary>
public readonly record struct RuleValue(string Value, bool Negated)
{
    public override string ToString() => Negated ? "! " + Value : Value;
}
