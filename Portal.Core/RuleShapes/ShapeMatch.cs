namespace Portal.Core.RuleShapes;

/// <summary>A rule that reads like <see cref="Shape"/>, and what the shape's placeholders bound in it.</summary>
public sealed record ShapeMatch(RuleShape Shape, IReadOnlyDictionary<string, string> Bindings)
{
    /// <summary>One half of Docker's legacy link pair.</summary>
    public bool IsLink => Shape.Resolver is OwnerResolver.LinkRequest or OwnerResolver.LinkReply;

    /// <summary>Every bound value is well formed (<see cref="Placeholder.IsValid"/>).</summary>
    public bool HasValidValues => Bindings.All(b => Placeholder.IsValid(b.Key, b.Value));

    /// <summary>The shape rendered from the bindings is <paramref name="text"/> byte for byte: the rule is written exactly as iptables-save prints that shape.</summary>
    public bool RendersAs(string text) => Shape.IsRenderable && string.Equals(Shape.Render(Bindings), text, StringComparison.Ordinal);
}
