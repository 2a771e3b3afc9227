using System.Globalization;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;

namespace Portal.Server.Audit;

/// <summary>Reads the query string of the audit routes; every error names its parameter.</summary>
public static class AuditQueryParser
{
    public static AuditFilter Filter(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        // Any case of the wire names ("Portal" too); the filter then carries the stored, lower-case name.
        var cause = Text(query, "cause");
        if (cause is not null)
        {
            if (WireName.TryParse<CauseKind>(cause, out var kind))
            {
                cause = WireName.Of(kind);
            }
            else
            {
                errors["cause"] = ["The cause must be portal, docker or external."];
            }
        }

        var since = Time(query, "since", errors);
        var until = Time(query, "until", errors);
        if (since > until)
        {
            errors["until"] = ["until must not be before since."];
        }

        var limit = Number(query, "limit", errors) ?? AuditFilter.DefaultLimit;
        if (limit is < 1 or > AuditFilter.MaxLimit)
        {
            errors["limit"] = [$"The limit must be between 1 and {AuditFilter.MaxLimit}."];
        }

        return new AuditFilter(
            Text(query, "host"), Text(query, "table"), Text(query, "chain"), Text(query, "container"), cause,
            since, until, (int)Math.Clamp(limit, 1, AuditFilter.MaxLimit), Number(query, "before", errors));
    }

    public static string? Text(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>An ISO 8601 time as unix milliseconds; a time without an offset is UTC.</summary>
    public static long? Time(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return AuditCodes.UnixMs(at);
        }

        errors[name] = [$"'{text}' is not an ISO 8601 time."];
        return null;
    }

    private static long? Number(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[name] = [$"'{text}' is not a whole number."];
        return null;
    }
}
