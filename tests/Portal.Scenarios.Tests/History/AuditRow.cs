using System.Text.Json.Nodes;

namespace Portal.Scenarios.Tests.History;

/// <summary>One row of <c>GET /api/audit</c> as the wire carries it, flattened for assertions.</summary>
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
            row["table"]!.GetValue<string>(),
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
