namespace Portal.Server.Audit;

/// <summary>
/// The filters of <c>GET /api/audit</c>: all optional; times are unix milliseconds; <see cref="Before"/> is the id of
/// the last row of the previous page (newest first).
/// </summary>
public sealed record AuditFilter(
    string? Host = null,
    string? Table = null,
    string? Chain = null,
    string? Container = null,
    string? Cause = null,
    long? Since = null,
    long? Until = null,
    int Limit = AuditFilter.DefaultLimit,
    long? Before = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;
}
