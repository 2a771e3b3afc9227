using System.Text;

namespace Portal.Core.RuleShapes;

/// <summary>
/// One token of a shape's template, split once into literal text and <c>{name}</c> placeholders, so that matching a
/// rule allocates nothing but the parts of tokens a placeholder binds.
/// </summary>
internal sealed class ShapeToken
{
    private ShapeToken(string text, (string Text, bool Placeholder)[] segments)
    {
        Text = text;
        Segments = segments;
    }

    public string Text { get; }

    /// <summary>Literal text and placeholder names in order; a placeholder is never followed by another one.</summary>
    public (string Text, bool Placeholder)[] Segments { get; }

    /// <summary><c>{*}</c>: any number of tokens.</summary>
    public bool AnyTokens => Text == "{*}";

    public bool IsLiteral => Segments.Length == 1 && !Segments[0].Placeholder;

    public bool IsWholePlaceholder => Segments.Length == 1 && Segments[0].Placeholder;

    /// <summary>Appends the token with its placeholders replaced by <paramref name="values"/>.</summary>
    public void Render(StringBuilder builder, IReadOnlyDictionary<string, string> values, string shape)
    {
        foreach (var (text, placeholder) in Segments)
        {
            if (!placeholder)
            {
                builder.Append(text);
                continue;
            }

            if (!values.TryGetValue(text, out var value) || value.Length == 0 || value.AsSpan().IndexOfAny(" \t\r\n") >= 0)
            {
                throw new ArgumentException($"shape '{shape}' needs a value without spaces for {{{text}}}", nameof(values));
            }

            builder.Append(value);
        }
    }

    public static ShapeToken[] Compile(string template) =>
        template.Length == 0 ? [] : template.Split(' ').Select(Compile1).ToArray();

    private static ShapeToken Compile1(string text)
    {
        var segments = new List<(string, bool)>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                segments.Add((text[i..], false));
                break;
            }

            if (open > i)
            {
                segments.Add((text[i..open], false));
            }

            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw new ArgumentException($"unclosed placeholder in template token '{text}'");
            }

            if (segments.Count > 0 && segments[^1].Item2)
            {
                throw new ArgumentException($"two placeholders without text between them in template token '{text}'");
            }

            segments.Add((text[(open + 1)..close], true));
            i = close + 1;
        }

        return new ShapeToken(text, [.. segments]);
    }
}
