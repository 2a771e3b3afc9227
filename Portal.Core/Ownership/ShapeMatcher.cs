namespace Portal.Core.Ownership;

/// <summary>Matches a rule's tokens against an <see cref="OwnershipPattern"/>'s shape and collects the placeholders it binds.</summary>
internal static class ShapeMatcher
{
    public static bool TryMatch(string[] shape, IReadOnlyList<string> tokens, Dictionary<string, string> bindings)
    {
        bindings.Clear();
        return Match(shape, 0, tokens, 0, bindings);
    }

    private static bool Match(string[] shape, int s, IReadOnlyList<string> tokens, int t, Dictionary<string, string> bindings)
    {
        for (; s < shape.Length; s++, t++)
        {
            if (shape[s] == "{*}")
            {
                if (Array.IndexOf(shape, "{*}", s + 1) < 0)
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

    /// <summary>A token of literal text and <c>{name}</c> parts; a placeholder ends where the next literal part begins.</summary>
    private static bool MatchToken(string pattern, string token, Dictionary<string, string> bindings)
    {
        if (!pattern.Contains('{', StringComparison.Ordinal))
        {
            return pattern == token;
        }

        var p = 0;
        var t = 0;
        while (p < pattern.Length)
        {
            if (pattern[p] != '{')
            {
                var literalEnd = pattern.IndexOf('{', p);
                var literal = pattern.AsSpan(p, (literalEnd < 0 ? pattern.Length : literalEnd) - p);
                if (!token.AsSpan(t).StartsWith(literal, StringComparison.Ordinal))
                {
                    return false;
                }

                p += literal.Length;
                t += literal.Length;
                continue;
            }

            var close = pattern.IndexOf('}', p);
            var name = pattern[(p + 1)..close];
            p = close + 1;
            int valueEnd;
            if (p == pattern.Length)
            {
                valueEnd = token.Length;
            }
            else
            {
                var nextBrace = pattern.IndexOf('{', p);
                var next = pattern.AsSpan(p, (nextBrace < 0 ? pattern.Length : nextBrace) - p);
                var found = token.AsSpan(t).IndexOf(next, StringComparison.Ordinal);
                if (found < 0)
                {
                    return false;
                }

                valueEnd = t + found;
            }

            if (valueEnd == t)
            {
                return false;
            }

            var value = token[t..valueEnd];
            if (bindings.TryGetValue(name, out var bound))
            {
                if (bound != value)
                {
                    return false;
                }
            }
            else
            {
                bindings.Add(name, value);
            }

            t = valueEnd;
        }

        return t == token.Length;
    }
}
