namespace Portal.Core.Iptables;

/// <summary>
/// Interns the short tokens of one parse (option names, interfaces, addresses, targets): a 50k-rule dump
/// repeats a few thousand distinct tokens, so sharing them saves most of the allocations of the parse.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledLength = 48;
    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public StringPool() => lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxPooledLength)
        {
            return text.ToString();
        }

        if (lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var value = text.ToString();
        strings.Add(value, value);
        return value;
    }
}
