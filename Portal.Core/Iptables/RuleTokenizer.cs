namespace Portal.Core.Iptables;

/// <summary>
/// Splits the part of a rule after <c>-A CHAIN</c> into options. iptables-save separates tokens by one space and
/// quotes a value with <c>"..."</c> (escaping <c>" \ '</c> with a backslash) when it holds anything but letters,
/// digits, '_' and '-'. Both negation forms are read: <c>! -s x</c> and the old <c>-s ! x</c>.
/// Returns false (the caller keeps the rule verbatim) on anything it could not render back byte for byte.
/// </summary>
internal static class RuleTokenizer
{
    public static bool TryParse(ReadOnlySpan<char> text, StringPool pool, List<RuleOption> options)
    {
        var scope = RuleOptionScope.Rule;
        string? module = null;
        var negateNext = false;
        var i = 0;
        while (i < text.Length)
        {
            if (!TryReadToken(text, ref i, pool, out var token, out var raw, out var quoted))
            {
                return false;
            }

            if (!quoted && token == "!")
            {
                if (negateNext)
                {
                    return false;
                }

                negateNext = true;
                continue;
            }

            if (quoted || !IsOptionName(token))
            {
                // A value with no option before it: not something iptables-save prints.
                return false;
            }

            var name = token;
            var negatedAfterName = false;
            if (!negateNext && PeekBang(text, i) && !NextIsOptionAfterBang(text, i))
            {
                // Old form "-s ! 10.0.0.0/8".
                i += 2;
                negatedAfterName = true;
            }

            List<string>? values = null;
            List<string>? rawValues = null;
            while (i < text.Length && !PeekBang(text, i) && !PeekOption(text, i))
            {
                if (!TryReadToken(text, ref i, pool, out var value, out var rawValue, out var valueQuoted))
                {
                    return false;
                }

                values ??= new List<string>(1);
                values.Add(value);
                if (valueQuoted && rawValues is null)
                {
                    rawValues = new List<string>(values.Count);
                    for (var k = 0; k < values.Count - 1; k++)
                    {
                        rawValues.Add(values[k]);
                    }
                }

                rawValues?.Add(valueQuoted ? rawValue : value);
            }

            if (negatedAfterName && values is null)
            {
                return false;
            }

            var optionScope = scope;
            var optionModule = module;
            if (IsRuleLevel(name))
            {
                optionScope = RuleOptionScope.Rule;
                optionModule = null;
            }
            else if (name is "-m" or "--match")
            {
                scope = optionScope = RuleOptionScope.Match;
                module = optionModule = values is { Count: > 0 } ? values[0] : null;
            }
            else if (name is "-j" or "--jump" or "-g" or "--goto")
            {
                scope = optionScope = RuleOptionScope.Target;
                module = optionModule = values is { Count: > 0 } ? values[0] : null;
            }

            IReadOnlyList<string> decoded = values is null ? [] : values;
            options.Add(new RuleOption(name, decoded, negateNext || negatedAfterName, optionScope, optionModule)
            {
                RawValues = rawValues is null ? decoded : rawValues,
                NegatedAfterName = negatedAfterName,
            });
            negateNext = false;
        }

        return !negateNext;
    }

    private static bool IsRuleLevel(string name) => name is
        "-s" or "--source" or "-d" or "--destination" or "-i" or "--in-interface" or "-o" or "--out-interface"
        or "-p" or "--protocol" or "-f" or "--fragment" or "-4" or "--ipv4" or "-6" or "--ipv6";

    private static bool IsOptionName(string token) =>
        token.Length >= 2 && token[0] == '-' && (char.IsAsciiLetter(token[1]) || token[1] == '-' || token[1] == '4' || token[1] == '6');

    private static bool PeekBang(ReadOnlySpan<char> text, int i) =>
        i < text.Length && text[i] == '!' && (i + 1 == text.Length || text[i + 1] == ' ');

    private static bool NextIsOptionAfterBang(ReadOnlySpan<char> text, int i) =>
        i + 2 < text.Length && PeekOption(text, i + 2);

    private static bool PeekOption(ReadOnlySpan<char> text, int i)
    {
        if (i + 1 >= text.Length || text[i] != '-')
        {
            return false;
        }

        var next = text[i + 1];
        if (!(char.IsAsciiLetter(next) || next == '-' || next == '4' || next == '6'))
        {
            return false;
        }

        // "-4"/"-6" only as a whole token; "-" followed by letters or "--x" is an option name.
        return next is not ('4' or '6') || i + 2 == text.Length || text[i + 2] == ' ';
    }

    /// <summary>Reads one token at <paramref name="i"/> and the single separating space after it.</summary>
    private static bool TryReadToken(ReadOnlySpan<char> text, ref int i, StringPool pool, out string token, out string raw, out bool quoted)
    {
        token = raw = string.Empty;
        quoted = false;
        if (i >= text.Length || text[i] == ' ')
        {
            return false;
        }

        var start = i;
        if (text[i] == '"')
        {
            var end = ClosingQuote(text, i + 1, out var escapes);
            if (end < 0 || (end + 1 < text.Length && text[end + 1] != ' '))
            {
                return false;
            }

            var inner = text[(i + 1)..end];
            token = escapes ? Unescape(inner) : inner.ToString();
            raw = text[start..(end + 1)].ToString();
            quoted = true;
            i = end + 1;
        }
        else
        {
            var length = text[i..].IndexOf(' ');
            var end = length < 0 ? text.Length : i + length;
            token = raw = pool.Get(text[i..end]);
            i = end;
        }

        if (i < text.Length)
        {
            // Exactly one space between tokens, and none at the end, or the text would not render back the same.
            i++;
            if (i == text.Length || text[i] == ' ')
            {
                return false;
            }
        }

        return true;
    }

    private static int ClosingQuote(ReadOnlySpan<char> text, int i, out bool escapes)
    {
        escapes = false;
        for (; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                escapes = true;
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(ReadOnlySpan<char> inner)
    {
        var result = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            result.Append(inner[i]);
        }

        return result.ToString();
    }
}
