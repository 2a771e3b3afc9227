namespace Portal.Client.Services;

/// <summary>The fields of an RFC 7807 ProblemDetails body the client reads.</summary>
internal sealed record ProblemBody(
    string? Title,
    string? Detail,
    int? Status,
    Dictionary<string, string[]>? Errors);
