namespace Portal.Client.Services;

/// <summary>
/// A REST call the server refused, with what its ProblemDetails body said, so pages can show the server's own words.
/// </summary>
public sealed class PortalApiException(int status, string title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail is null ? title : $"{title}: {detail}")
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>Field errors of a 400 (validation problem), keyed by field name.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    /// <summary>The line a page shows: the detail when the server gave one, else the title, plus field errors.</summary>
    public string Display
    {
        get
        {
            var text = string.IsNullOrWhiteSpace(Detail) ? Title : Detail;
            return Errors.Count == 0 ? text : $"{text} ({string.Join("; ", Errors.SelectMany(e => e.Value))})";
        }
    }
}
