using System.Text.Json.Nodes;

namespace Portal.Scenarios.Tests.History;

/// <summary>
/// One row of <c>GET /api/audit</c> as the wire carries it, flattened for assertions; an ip6tables row (<c>ipv6: true</c>)
/// has its table named as <see cref="SavedRules"/> names ip6tables' tables ("ip6:nat").
/// </summary>
public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    string Host,
    string Table,
    string Chain,
    string Change,
    string Rule,
    string CauseKind,
    string? User,
    long? Intent,
    string? Action,
    string? Container,
    string? Process)
{
    public static AuditRow From(JsonNode row)
    {
        var cause = row["cause"]!;
        return new AuditRow(
            row["id"]!.GetValue<long>(),
            DateTimeOffset.Parse(row["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            row["host"]!.GetValue<string>(),
            (row["ipv6"]?.GetValue<bool>() == true ? SavedRules.Ipv6Prefix : string.Empty) + row["table"]!.GetValue<string>(),
            row["chain"]!.GetValue<string>(),
            row["change"]!.GetValue<string>(),
            row["rule"]!.GetValue<string>(),
            cause["kind"]!.GetValue<string>(),
            cause["user"]?.GetValue<string>(),
            cause["intent"]?.GetValue<long>(),
            cause["action"]?.GetValue<string>(),
            cause["container"]?.GetValue<string>(),
            cause["process"]?.GetValue<string>());
    }

    public override string ToString() =>
        $"#{Id} {At:HH:mm:ss.fff} {Table} {Change} {Rule} [{CauseKind} user={User} intent={Intent} action={Action} container={Container} process={Process}]";
}
