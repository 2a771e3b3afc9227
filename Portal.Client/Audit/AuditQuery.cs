using System.Globalization;
using Portal.Contracts.Api;
using Portal.Contracts.Wire;

namespace Portal.Client.Audit;

/// <summary>
/// The filters of <c>GET /api/audit</c> (and of its CSV twin). Also decides whether a live entry belongs on a page
/// filtered this way, because the hub pushes every entry of a watched host.
/// </summary>
public sealed record AuditQuery(
    string? Host = null,
    string? Table = null,
    string? Chain = null,
    string? Container = null,
    string? Cause = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    int Limit = 200,
    long? Before = null)
{
    /// <summary>The query string, starting with '?', empty filters left out; <paramref name="paging"/> false drops limit and before (CSV).</summary>
    public string ToQueryString(bool paging = true)
    {
        var parts = new List<string>();
        Add(parts, "host", Host);
        Add(parts, "table", Table);
        Add(parts, "chain", Chain);
        Add(parts, "container", Container);
        Add(parts, "cause", Cause);
        Add(parts, "since", Since?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "until", Until?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        if (paging)
        {
            Add(parts, "limit", Limit.ToString(CultureInfo.InvariantCulture));
            Add(parts, "before", Before?.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    /// <summary>
    /// True when a pushed entry passes these filters. The container filter matches the names the entry carries
    /// (owner and cause), the same names the server resolved at the time.
    /// </summary>
    public bool Matches(AuditEntryView entry) =>
        Same(Host, entry.Host)
        && Same(Table, entry.Table)
        && Same(Chain, entry.Chain)
        && Same(Cause, WireName.Of(entry.Cause.Kind))
        && (Container is not { Length: > 0 } c
            || Same(c, entry.Owner.Container) || Same(c, entry.Owner.Source) || Same(c, entry.Owner.Target) || Same(c, entry.Cause.Container))
        && (Since is not { } since || entry.At >= since)
        && (Until is not { } until || entry.At <= until);

    private static bool Same(string? filter, string? value) =>
        string.IsNullOrWhiteSpace(filter) || string.Equals(filter.Trim(), value, StringComparison.Ordinal);

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
