namespace Portal.Core.RuleShapes;

/// <summary>Matches a rule's tokens against a <see cref="RuleShape"/>'s template and collects the placeholders it binds.</summary>
internal static class ShapeMatcher
{
    public static bool TryMatch(ShapeToken[] shape, IReadOnlyList<string> tokens, Dictionary<string, string> bindings)
    {
        bindings.Clear();
        return Match(shape, 0, tokens, 0, bindings);
    }

    private static bool Match(ShapeToken[] shape, int s, IReadOnlyList<string> tokens, int t, Dictionary<string, string> bindings)
    {
        for (; s < shape.Length; s++, t++)
        {
            if (shape[s].AnyTokens)
            {
                if (!HasAnyTokensAfter(shape, s + 1))
                {
                    // The usual case: what follows has a fixed length, so there is only one place it can start.
                    var start = tokens.Count - (shape.Length - s - 1);
                    return start >= t && Match(shape, s + 1, tokens, start, bindings);
                }

                for (var skip = t; skip <= tokens.Count; skip++)
                {
                    var saved = new Dictionary<string, string>(bindings);
                    if (Match(shape, s + 1, tokens, skip, bindings))
                    {
                        return true;
                    }

                    bindings.Clear();
                    foreach (var pair in saved)
                    {
                        bindings[pair.Key] = pair.Value;
                    }
                }

                return false;
            }

            if (t >= tokens.Count || !MatchToken(shape[s], tokens[t], bindings))
            {
                return false;
            }
        }

        return t == tokens.Count;
    }

    private static bool HasAnyTokensAfter(ShapeToken[] shape, int from)
    {
        for (var i = from; i < shape.Length; i++)
        {
            if (shape[i].AnyTokens)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A placeholder ends where the next literal part begins.</summary>
    private static bool MatchToken(ShapeToken pattern, string token, Dictionary<string, string> bindings)
    {
        if (pattern.IsLiteral)
        {
            return pattern.Text == token;
        }

        if (pattern.IsWholePlaceholder)
        {
            return Bind(bindings, pattern.Segments[0].Text, token);
        }

        var t = 0;
        var segments = pattern.Segments;
        for (var i = 0; i < segments.Length; i++)
        {
            var (text, placeholder) = segments[i];
            if (!placeholder)
            {
                if (!token.AsSpan(t).StartsWith(text, StringComparison.Ordinal))
                {
                    return false;
                }

                t += text.Length;
                continue;
            }

            int end;
            if (i + 1 == segments.Length)
            {
                end = token.Length;
            }
            else
            {
                var found = token.AsSpan(t).IndexOf(segments[i + 1].Text, StringComparison.Ordinal);
                if (found < 0)
                {
                    return false;
                }

                end = t + found;
            }

            if (end == t || !Bind(bindings, text, token[t..end]))
            {
                return false;
            }

            t = end;
        }

        return t == token.Length;
    }

    private static bool Bind(Dictionary<string, string> bindings, string name, string value)
    {
        if (bindings.TryGetValue(name, out var bound))
        {
            return bound == value;
        }

        bindings.Add(name, value);
        return true;
    }
}
