using System.Globalization;

namespace Portal.Core.RuleShapes;

/// <summary>
/// A Docker engine version as <c>docker version</c> reports it (<c>20.10.24</c>, <c>28.5.2</c>, <c>29.1.1</c>,
/// <c>29.0.0-rc.1</c>), reduced to what picks a rule-shape set: major, minor and patch.
/// </summary>
public readonly record struct DockerVersion(int Major, int Minor, int Patch) : IComparable<DockerVersion>
{
    public int CompareTo(DockerVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    public static bool operator <(DockerVersion left, DockerVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(DockerVersion left, DockerVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(DockerVersion left, DockerVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DockerVersion left, DockerVersion right) => left.CompareTo(right) >= 0;

    /// <summary>Reads the leading <c>major.minor[.patch]</c>; anything after it (<c>-rc.1</c>, <c>+dfsg</c>) is ignored. False for "", "dev" and the like.</summary>
    public static bool TryParse(string? text, out DockerVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Length > 0 && span[0] is 'v' or 'V')
        {
            span = span[1..];
        }

        Span<int> parts = [0, 0, 0];
        var count = 0;
        while (count < 3)
        {
            var digits = 0;
            while (digits < span.Length && digits < 6 && char.IsAsciiDigit(span[digits]))
            {
                digits++;
            }

            if (digits == 0)
            {
                break;
            }

            parts[count++] = int.Parse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
            span = span[digits..];
            if (span.Length == 0 || span[0] != '.')
            {
                break;
            }

            span = span[1..];
        }

        if (count < 2)
        {
            return false;
        }

        version = new DockerVersion(parts[0], parts[1], parts[2]);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
