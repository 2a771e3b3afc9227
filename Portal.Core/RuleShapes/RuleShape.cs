using System.Text;
using Portal.Contracts.Model;

namespace Portal.Core.RuleShapes;

/// <summary>
/// One shape of rule, written once and used both ways: a rule of <see cref="Table"/>/<see cref="Chain"/> whose options
/// read exactly like <see cref="Template"/> belongs to <see cref="Kind"/>, named from what its placeholders bind as
/// <see cref="Resolver"/> says (<see cref="RuleShapeCatalogue.Match(Iptables.ParsedRule, IReadOnlyList{RuleShape})"/>, for ownership and stale link rules); and the same template filled
/// with values is the rule's text as iptables-save prints it (<see cref="Render"/>, for plans).
/// <para>
/// The template is the rule after <c>-A CHAIN</c>, token by token, where <c>{name}</c> binds any text (the same name
/// twice must bind the same text; <see cref="Placeholder"/> lists the names), a token may mix text and placeholders
/// (<c>{containerIp}/32</c>, <c>{containerIp}:{port}</c>), and <c>{*}</c> stands for any number of tokens.
/// <see cref="Chain"/> ending in <c>*</c> is a prefix; "*" is any table or chain. <see cref="Versions"/> are the Docker
/// versions seen writing the shape (empty for shapes that are not Docker's: the portal's own, the DOCKER-USER fallback).
/// </para>
/// </summary>
public sealed record RuleShape(string Name, string Table, string Chain, string Template, RuleOwnerKind Kind, OwnerResolver Resolver = OwnerResolver.None)
{
    // Compiled once; keyed by the template it came from, since `with { Template = ... }` copies this field too.
    private (string Template, ShapeToken[] Tokens)? compiled;

    public IReadOnlyList<string> Versions { get; init; } = [];

    internal ShapeToken[] Tokens
    {
        get
        {
            if (compiled is not { } cache || !ReferenceEquals(cache.Template, Template))
            {
                cache = (Template, ShapeToken.Compile(Template));
                compiled = cache;
            }

            return cache.Tokens;
        }
    }

    /// <summary>True when the shape names one rule, not a family of them (a concrete table and chain, no <c>{*}</c>).</summary>
    public bool IsRenderable => Table != "*" && !Chain.Contains('*', StringComparison.Ordinal) && !Tokens.Any(t => t.AnyTokens);

    public bool Applies(string table, string chain) =>
        (Table == "*" || Table == table)
        && (Chain == "*" || Chain == chain || (Chain.EndsWith('*') && chain.StartsWith(Chain.AsSpan(0, Chain.Length - 1), StringComparison.Ordinal)));

    /// <summary>
    /// Whether a rule's tokens (<see cref="RuleTokens"/>: after <c>-A CHAIN</c>, decoded, a negation before its option)
    /// read like the template; <paramref name="bindings"/> is cleared and then holds what the placeholders bound.
    /// The table and chain are the caller's to check (<see cref="Applies"/>); for one rule, <see cref="RuleShapeCatalogue.Match(Iptables.ParsedRule, IReadOnlyList{RuleShape})"/>.
    /// </summary>
    internal bool TryMatch(IReadOnlyList<string> tokens, Dictionary<string, string> bindings) =>
        ShapeMatcher.TryMatch(Tokens, tokens, bindings);

    /// <summary>
    /// The rule as iptables-save prints it (<c>-A CHAIN ...</c>), every placeholder replaced by its value.
    /// Throws when the shape is not <see cref="IsRenderable"/> or a value is missing, empty or holds whitespace.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!IsRenderable)
        {
            throw new InvalidOperationException($"shape '{Name}' matches a family of rules and cannot be rendered");
        }

        var builder = new StringBuilder("-A ").Append(Chain);
        foreach (var token in Tokens)
        {
            builder.Append(' ');
            token.Render(builder, values, Name);
        }

        return builder.ToString();
    }

    public bool Equals(RuleShape? other) =>
        other is not null && Name == other.Name && Table == other.Table && Chain == other.Chain && Template == other.Template
        && Kind == other.Kind && Resolver == other.Resolver && Versions.SequenceEqual(other.Versions);

    public override int GetHashCode() => HashCode.Combine(Name, Table, Chain, Template, Kind, Resolver);
}
