using System.Text.RegularExpressions;

namespace Portal.Core.Secrets;

/// <summary>
/// Decides which environment variables hold secrets: a name containing one of the patterns (case-insensitive), a
/// value holding a URL with a password (<c>scheme://user:pass@host</c>), or a link-derived copy
/// <c>ALIAS_ENV_NAME</c> of such a variable (judged by the part after <c>_ENV_</c> as well as by the whole name).
/// </summary>
public sealed partial class SecretClassifier
{
    /// <summary>The name patterns used when the configuration names none.</summary>
    public static readonly IReadOnlyList<string> DefaultNamePatterns =
        ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "PRIVATE", "AUTH", "DSN", "CONNECTION"];

    /// <summary>The classifier with <see cref="DefaultNamePatterns"/>.</summary>
    public static readonly SecretClassifier Default = new(DefaultNamePatterns);

    private const string LinkCopyMarker = "_ENV_";

    private readonly string[] _patterns;

    public SecretClassifier(IEnumerable<string>? namePatterns)
    {
        var patterns = (namePatterns ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToArray();
        _patterns = patterns.Length == 0 ? [.. DefaultNamePatterns] : patterns;
    }

    public IReadOnlyList<string> NamePatterns => _patterns;

    public bool IsSecret(string name, string? value) => IsSecretName(name) || (value is not null && HasUrlPassword(value));

    public bool IsSecretName(string name)
    {
        if (Matches(name))
        {
            return true;
        }

        var marker = name.IndexOf(LinkCopyMarker, StringComparison.Ordinal);
        return marker > 0 && Matches(name[(marker + LinkCopyMarker.Length)..]);
    }

    /// <summary>True when the value holds <c>scheme://user:password@</c> anywhere (the user may be empty).</summary>
    public static bool HasUrlPassword(string value) => value.Contains("://", StringComparison.Ordinal) && UrlWithPassword().IsMatch(value);

    private bool Matches(string name) => _patterns.Any(p => name.Contains(p, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#@:]*:[^\s/?#@]+@", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex UrlWithPassword();
}
