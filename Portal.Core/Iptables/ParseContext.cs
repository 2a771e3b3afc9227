namespace Portal.Core.Iptables;

/// <summary>
/// The scratch state of one parse: interned strings, the token buffer, and the options already built, keyed by
/// their printed text in their scope, so that a 50k-rule dump allocates each distinct option once.
/// </summary>
internal sealed class ParseContext
{
    private readonly Dictionary<string, RuleOption> optionsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleOption>.AlternateLookup<ReadOnlySpan<char>> optionLookup;
    private char[] key = new char[256];
    private int keyLength;

    public ParseContext() => optionLookup = optionsByKey.GetAlternateLookup<ReadOnlySpan<char>>();

    public StringPool Strings { get; } = new();

    public List<RuleOption> ScratchOptions { get; } = new(16);

    public Token[] Tokens { get; private set; } = new Token[64];

    public int TokenCount { get; set; }

    public void AddToken(Token token)
    {
        if (TokenCount == Tokens.Length)
        {
            var grown = new Token[Tokens.Length * 2];
            Array.Copy(Tokens, grown, Tokens.Length);
            Tokens = grown;
        }

        Tokens[TokenCount++] = token;
    }

    public bool TryGetOption(ReadOnlySpan<char> raw, RuleOptionScope scope, string? module, out RuleOption option)
    {
        BuildKey(raw, scope, module);
        return optionLookup.TryGetValue(key.AsSpan(0, keyLength), out option!);
    }

    /// <summary>Stores <paramref name="option"/> under the key the last <see cref="TryGetOption"/> built.</summary>
    public void AddOption(RuleOption option)
    {
        optionsByKey.TryAdd(new string(key, 0, keyLength), option);
    }

    private void BuildKey(ReadOnlySpan<char> raw, RuleOptionScope scope, string? module)
    {
        var length = 2 + (module?.Length ?? 0) + raw.Length;
        if (key.Length < length)
        {
            key = new char[Math.Max(length, key.Length * 2)];
        }

        key[0] = (char)('0' + (int)scope);
        module.AsSpan().CopyTo(key.AsSpan(1));
        var at = 1 + (module?.Length ?? 0);
        key[at++] = '\u0001';
        raw.CopyTo(key.AsSpan(at));
        keyLength = at + raw.Length;
    }
}
