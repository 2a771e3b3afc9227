namespace Portal.Core.Analysis;

/// <summary>
/// A captured file the analysis cannot read. The message names the file and where: a line of iptables-save output, a
/// line of JSON, or the JSON field (<c>[2].NetworkSettings.Networks</c>).
/// </summary>
public sealed class CaptureException(string file, string problem, int? line = null, string? field = null, Exception? inner = null)
    : Exception(Describe(file, problem, line, field), inner)
{
    public string File { get; } = file;

    public string Problem { get; } = problem;

    public int? Line { get; } = line;

    public string? Field { get; } = field;

    private static string Describe(string file, string problem, int? line, string? field)
    {
        var where = line is { } l ? $" line {l}" : string.Empty;
        var what = field is null ? string.Empty : $" {field}";
        return $"{file}{where}{what}: {problem}";
    }
}
