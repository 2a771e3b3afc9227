namespace Portal.Core.Iptables;

/// <summary>
/// Splits the part of a rule after <c>-A CHAIN</c> into options. iptables-save separates tokens by one space and
/// quotes a value with <c>"..."</c> (escaping <c>" \ '</c> with a backslash) when it holds anything but letters,
/// digits, '_' and '-'. Both negation forms are read: <c>! -s x</c> and the old <c>-s ! x</c>.
/// Returns false (the caller keeps the rule verbatim) on anything it could not render back byte for byte.
/// </summary>
internal static class RuleTokenizer
{
    public static bool TryParse(ReadOnlySpan<char> text, ParseContext context, List<RuleOption> options)
    {
        if (!TrySplit(text, context))
        {
            return false;
        }

        var tokens = context.Tokens;
        var count = context.TokenCount;
        var scope = RuleOptionScope.Rule;
        string? module = null;
        var k = 0;
        while (k < count)
        {
            var start = tokens[k].Start;
            var negated = false;
            if (IsBang(text, tokens[k]))
            {
                negated = true;
                k++;
                if (k == count)
                {
                    return false;
                }
            }

            var nameToken = tokens[k];
            if (!IsOptionName(text, nameToken))
            {
                // A value with no option before it, or "! !": not something iptables-save prints.
                return false;
            }

            k++;
            var negatedAfterName = false;
            if (!negated && k < count && IsBang(text, tokens[k]) && !(k + 1 < count && IsOptionName(text, tokens[k + 1])))
            {
                // Old form "-s ! 10.0.0.0/8".
                negatedAfterName = true;
                k++;
            }

            var firstValue = k;
            while (k < count && !IsBang(text, tokens[k]) && !IsOptionName(text, tokens[k]))
            {
                k++;
            }

            var valueCount = k - firstValue;
            if (negatedAfterName && valueCount == 0)
            {
                return false;
            }

            var end = tokens[k - 1].End;
            var name = text[nameToken.Start..nameToken.End];
            var optionScope = scope;
            var optionModule = module;
            if (IsRuleLevel(name))
            {
                optionScope = RuleOptionScope.Rule;
                optionModule = null;
            }
            else if (name is "-m" or "--match" or "-j" or "--jump" or "-g" or "--goto")
            {
                scope = optionScope = name is "-m" or "--match" ? RuleOptionScope.Match : RuleOptionScope.Target;
                module = optionModule = valueCount > 0 ? Value(text, tokens[firstValue], context) : null;
            }

            // Options repeat across rules ("-j ACCEPT", "! -i docker0", "-m tcp"): share one immutable instance.
            var raw = text[start..end];
            if (!context.TryGetOption(raw, optionScope, optionModule, out var option))
            {
                option = Create(text, tokens, nameToken, firstValue, valueCount, negated || negatedAfterName, negatedAfterName, optionScope, optionModule, context);
                context.AddOption(option);
            }

            options.Add(option);
        }

        return true;
    }

    private static RuleOption Create(
        ReadOnlySpan<char> text,
        Token[] tokens,
        Token nameToken,
        int firstValue,
        int valueCount,
        bool negated,
        bool negatedAfterName,
        RuleOptionScope scope,
        string? module,
        ParseContext context)
    {
        var values = valueCount == 0 ? [] : new string[valueCount];
        string[]? rawValues = null;
        for (var v = 0; v < valueCount; v++)
        {
            var token = tokens[firstValue + v];
            values[v] = Value(text, token, context);
            if (token.Quoted)
            {
                rawValues ??= (string[])values.Clone();
            }

            if (rawValues is not null)
            {
                rawValues[v] = token.Quoted ? text[token.Start..token.End].ToString() : values[v];
            }
        }

        return new RuleOption(context.Strings.Get(text[nameToken.Start..nameToken.End]), values, negated, scope, module)
        {
            RawValues = rawValues ?? values,
            NegatedAfterName = negatedAfterName,
        };
    }

    private static string Value(ReadOnlySpan<char> text, Token token, ParseContext context)
    {
        if (!token.Quoted)
        {
            return context.Strings.Get(text[token.Start..token.End]);
        }

        var inner = text[(token.Start + 1)..(token.End - 1)];
        return inner.Contains('\\') ? Unescape(inner) : inner.ToString();
    }

    /// <summary>Finds the tokens: exactly one space between them, none at either end, quotes closed.</summary>
    private static bool TrySplit(ReadOnlySpan<char> text, ParseContext context)
    {
        context.TokenCount = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                return false;
            }

            var start = i;
            var quoted = text[i] == '"';
            if (quoted)
            {
                var close = ClosingQuote(text, i + 1);
                if (close < 0)
                {
                    return false;
                }

                i = close + 1;
                if (i < text.Length && text[i] != ' ')
                {
                    return false;
                }
            }
            else
            {
                var length = text[i..].IndexOf(' ');
                i = length < 0 ? text.Length : i + length;
            }

            context.AddToken(new Token(start, i, quoted));
            if (i < text.Length)
            {
                i++;
                if (i == text.Length)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsRuleLevel(ReadOnlySpan<char> name) => name is
        "-s" or "--source" or "-d" or "--destination" or "-i" or "--in-interface" or "-o" or "--out-interface"
        or "-p" or "--protocol" or "-f" or "--fragment" or "-4" or "--ipv4" or "-6" or "--ipv6";

    private static bool IsBang(ReadOnlySpan<char> text, Token token) => !token.Quoted && token.End - token.Start == 1 && text[token.Start] == '!';

    /// <summary>"-x...", "--x...", or exactly "-4"/"-6"; a value such as "-1" or "-" is not an option.</summary>
    private static bool IsOptionName(ReadOnlySpan<char> text, Token token)
    {
        if (token.Quoted || token.End - token.Start < 2 || text[token.Start] != '-')
        {
            return false;
        }

        var second = text[token.Start + 1];
        return char.IsAsciiLetter(second) || second == '-' || (second is '4' or '6' && token.End - token.Start == 2);
    }

    private static int ClosingQuote(ReadOnlySpan<char> text, int i)
    {
        for (; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
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
