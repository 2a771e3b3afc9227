using System.Text;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;

namespace Portal.Server.Audit;

/// <summary>
/// Audit rows as CSV (RFC 4180 quoting), with owners and causes as short readable text. A cell that a spreadsheet
/// would run as a formula (it begins with =, +, -, @, tab or CR) gets a leading single quote: rule texts ("-A ...")
/// and container names come from the managed hosts, and an export must not turn them into formulas on the reader's
/// machine (CSV injection).
/// </summary>
public static class AuditCsv
{
    public const string Header = "id,at,host,table,chain,change,rule,owner,cause";

    public static string Line(AuditEntryView row) => string.Join(',',
        row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        Field(row.Host), Field(row.Table), Field(row.Chain), Field(WireName.Of(row.Change)), Field(row.Rule), Field(Owner(row.Owner)), Field(Cause(row.Cause)));

    /// <summary>"port web 8080/tcp", "link db -> web as web", "masquerade bridge", "unknown".</summary>
    public static string Owner(RuleOwner owner)
    {
        var text = new StringBuilder(WireName.Of(owner.Kind));
        if (owner.Kind == RuleOwnerKind.Link)
        {
            Append(text, owner.Source).Append(owner.Target is null ? "" : " -> " + owner.Target);
            if (owner.Alias is not null)
            {
                text.Append(" as ").Append(owner.Alias);
            }

            return text.ToString();
        }

        Append(text, owner.Container);
        Append(text, owner.Network);
        Append(text, owner.Port);
        Append(text, owner.Role);
        return text.ToString();
    }

    /// <summary>"portal alice (intent 12)", "docker start web", "external (iptables)".</summary>
    public static string Cause(ChangeCause cause) => cause.Kind switch
    {
        CauseKind.Portal => $"portal {cause.User}{(cause.Intent is { } intent ? $" (intent {intent})" : "")}".TrimEnd(),
        CauseKind.Docker => $"docker {cause.Action} {cause.Container}".TrimEnd(),
        _ => cause.Process is null ? WireName.Of(cause.Kind) : $"{WireName.Of(cause.Kind)} ({cause.Process})",
    };

    private static StringBuilder Append(StringBuilder text, string? part) =>
        string.IsNullOrEmpty(part) ? text : text.Append(' ').Append(part);

    /// <summary>One cell: neutralised, then quoted when it holds a comma, quote or line break.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
