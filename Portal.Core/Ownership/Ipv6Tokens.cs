namespace Portal.Core.Ownership;

/// <summary>
/// Docker 20.10 writes its ip6tables rules in the shapes of its iptables rules, with IPv6 addresses: <c>/128</c> for
/// <c>/32</c>, <c>[addr]:port</c> for <c>addr:port</c>, <c>::1/128</c> for <c>127.0.0.0/8</c>. The IPv4 shapes own them
/// once the tokens are rewritten into that form, with each IPv6 address <see cref="Encode">encoded</see> so that no
/// colon of it is taken for the one between an address and a port; the ownership context indexes IPv6 addresses and
/// subnets under the same encoding.
/// </summary>
internal static class Ipv6Tokens
{
    /// <summary>An IPv6 address (or subnet) with its colons replaced: "fd00:3::2" -> "fd00_3__2".</summary>
    public static string Encode(string address) => address.Replace(':', '_');

    /// <summary>Rewrites the tokens in place; answers false when no token held an IPv6 address (nothing to retry).</summary>
    public static bool Rewrite(List<string> tokens)
    {
        var changed = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Rewrite(tokens[i]) is { } rewritten)
            {
                tokens[i] = rewritten;
                changed = true;
            }
        }

        return changed;
    }

    private static string? Rewrite(string token)
    {
        if (token == "::1/128")
        {
            return "127.0.0.0/8";
        }

        // "[fd00:3::2]:80" (DNAT's --to-destination).
        if (token.StartsWith('[') && token.IndexOf("]:", StringComparison.Ordinal) is var close and > 1 && IsAddress(token[1..close]))
        {
            return Encode(token[1..close]) + ":" + token[(close + 2)..];
        }

        var slash = token.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? token : token[..slash];
        if (!IsAddress(address))
        {
            return null;
        }

        var prefix = slash < 0 ? string.Empty : token[slash..];
        return Encode(address) + (prefix == "/128" ? "/32" : prefix);
    }

    private static bool IsAddress(string text) =>
        text.Contains(':', StringComparison.Ordinal)
        && text.AsSpan().IndexOfAnyExcept("0123456789abcdefABCDEF:.") < 0
        && System.Net.IPAddress.TryParse(text, out var parsed)
        && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
}
