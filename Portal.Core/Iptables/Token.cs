namespace Portal.Core.Iptables;

/// <summary>One token of a rule: [Start, End) in the rule's text, quotes included when <see cref="Quoted"/>.</summary>
internal readonly record struct Token(int Start, int End, bool Quoted);
