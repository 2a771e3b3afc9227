using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Lab.Stack;

namespace Portal.Scenarios.Tests.History;

/// <summary>The audit routes of the public contract, read through a signed-in session.</summary>
public sealed class AuditApiClient(PortalSession session)
{
    public PortalSession Session { get; } = session;

    public static string Time(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>GET /api/audit with the query string given (without the leading '?').</summary>
    public async Task<List<AuditRow>> RowsAsync(string query, CancellationToken cancellationToken)
    {
        var rows = await Session.GetJsonAsync("/api/audit?" + query, cancellationToken);
        return [.. rows.AsArray().Select(r => AuditRow.From(r!))];
    }

    /// <summary>GET /api/audit/rules: the rules of the host at a moment, rebuilt from history.</summary>
    public async Task<SavedRules> RulesAtAsync(string host, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rows = await Session.GetJsonAsync($"/api/audit/rules?host={host}&at={Time(at)}", cancellationToken);
        return SavedRules.FromRows(rows.AsArray().Select(r => (
            Table(r!), r!["chain"]!.GetValue<string>(), r["index"]!.GetValue<int>(), r["text"]!.GetValue<string>())));
    }

    /// <summary>GET /api/audit/diff as (table, chain, change, text).</summary>
    public async Task<List<(string Table, string Chain, string Change, string Text)>> DiffAsync(string host, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await Session.GetJsonAsync($"/api/audit/diff?host={host}&from={Time(from)}&to={Time(to)}", cancellationToken);
        return [.. rows.AsArray().Select(r => (
            Table(r!), r!["chain"]!.GetValue<string>(), r["change"]!.GetValue<string>(), r["text"]!.GetValue<string>()))];
    }

    /// <summary>The row's table, "ip6:" before it when the row is marked ipv6 (as <see cref="SavedRules"/> names ip6tables' tables).</summary>
    private static string Table(System.Text.Json.Nodes.JsonNode row) =>
        (row["ipv6"]?.GetValue<bool>() == true ? SavedRules.Ipv6Prefix : string.Empty) + row["table"]!.GetValue<string>();

    /// <summary>Polls the rows until <paramref name="done"/> holds for them; answers the last rows read.</summary>
    public async Task<List<AuditRow>> WaitRowsAsync(string query, Func<List<AuditRow>, bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        List<AuditRow> last = [];
        try
        {
            return await PortalSession.EventuallyAsync(
                async ct =>
                {
                    last = await RowsAsync(query, ct);
                    return done(last) ? last : null;
                },
                timeout,
                what,
                cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "; last rows:\n" + string.Join('\n', last), e);
        }
    }

    /// <summary>
    /// Waits until the host's history has caught up with changes made before this call: a probe rule added to a chain of
    /// the caller's own shows up, then its removal (the agent delivers in order, so everything before it is in). Two
    /// steps, because the agent diffs re-reads: a rule added and removed within its debounce is never seen.
    /// </summary>
    public async Task CatchUpAsync(ManualChain chain, CancellationToken cancellationToken)
    {
        var query = $"host={chain.Host.Name}&chain={chain.Name}&limit=1000";
        var probe = await chain.AddAsync(cancellationToken);
        await WaitRowsAsync(query, rows => rows.Any(r => r.Rule == probe && r.Change == "added"), TimeSpan.FromSeconds(30), $"the probe rule {probe} in history", cancellationToken);
        await chain.DeleteAsync(probe, cancellationToken);
        await WaitRowsAsync(query, rows => rows.Any(r => r.Rule == probe && r.Change == "removed"), TimeSpan.FromSeconds(30), $"the removal of {probe} in history", cancellationToken);
    }
}
