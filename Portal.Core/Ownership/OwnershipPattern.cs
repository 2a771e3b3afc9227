namespace Portal.Core.Ownership;

/// <summary>
/// One line of the ownership table: a rule of <see cref="Table"/>/<see cref="Chain"/> whose options read exactly like
/// <see cref="Shape"/> belongs to <see cref="Kind"/>. The shape is the rule after <c>-A CHAIN</c>, token by token, where
/// <c>{name}</c> binds any text (the same name twice must bind the same text), a token may mix text and placeholders
/// (<c>{ip}/32</c>, <c>{ip}:{port}</c>), and <c>{*}</c> stands for any number of tokens. <see cref="Chain"/> ending in
/// <c>*</c> is a prefix; "*" is any table or chain.
/// </summary>
public sealed record OwnershipPattern(string Table, string Chain, string Shape, string Kind, OwnerResolver Resolver = OwnerResolver.None)
{
    // Compiled once; keyed by the shape it came from, since `with { Shape = ... }` copies this field too.
    private (string Shape, ShapeToken[] Tokens)? compiled;

    internal ShapeToken[] Tokens
    {
        get
        {
            if (compiled is not { } cache || !ReferenceEquals(cache.Shape, Shape))
            {
                cache = (Shape, ShapeToken.Compile(Shape));
                compiled = cache;
            }

            return cache.Tokens;
        }
    }

    public bool Equals(OwnershipPattern? other) =>
        other is not null && Table == other.Table && Chain == other.Chain && Shape == other.Shape && Kind == other.Kind && Resolver == other.Resolver;

    public override int GetHashCode() => HashCode.Combine(Table, Chain, Shape, Kind, Resolver);

    internal bool Applies(string table, string chain) =>
        (Table == "*" || Table == table)
        && (Chain == "*" || Chain == chain || (Chain.EndsWith('*') && chain.StartsWith(Chain.AsSpan(0, Chain.Length - 1), StringComparison.Ordinal)));
}
