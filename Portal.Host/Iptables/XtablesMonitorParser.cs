using Portal.Core.Iptables;

namespace Portal.Host.Iptables;

/// <summary>
/// Turns the line stream of <c>xtables-monitor -e</c> into transactions. Feed each line in order; a batch comes
/// out when its NEWGEN line arrives. Pure and stateful: one instance per monitor process.
/// </summary>
public sealed class XtablesMonitorParser
{
    private const string EventPrefix = "EVENT:";
    private const string GenerationPrefix = "NEWGEN:";

    private List<XtablesRuleEvent> _pending = [];

    /// <summary>Feeds one output line; returns the finished transaction when the line closes one, else null.</summary>
    public XtablesBatch? Accept(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.StartsWith(EventPrefix, StringComparison.Ordinal))
        {
            _pending.Add(ParseEvent(trimmed[EventPrefix.Length..].Trim()));
            return null;
        }

        if (trimmed.StartsWith(GenerationPrefix, StringComparison.Ordinal))
        {
            var batch = ParseGeneration(trimmed[GenerationPrefix.Length..], _pending);
            _pending = [];
            return batch;
        }

        // Anything else (a banner, a warning) carries no rule change.
        return null;
    }

    public static XtablesRuleEvent ParseEvent(string body)
    {
        // Rule and chain events: "-4 -t nat -A DOCKER ..." ; everything else (e.g. "nft: NEW table ...",
        // "# nft: ip filter FORWARD ... policy drop ...") is kept raw.
        var fields = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length >= 5 && fields[0] is "-4" or "-6" && fields[1] == "-t" && fields[3].StartsWith('-'))
        {
            var family = fields[0];
            var printed = fields[2];
            // An ip6tables event names its table as the agent's ruleset does (ip6:filter), so it meets only IPv6 diffs.
            var table = RuleFamily.TableName(printed, family == "-6");
            var command = fields[3][1..];
            var chain = fields[4];
            // Keep the rule's own spacing: everything after "-t TABLE ", exactly as printed.
            var tableAt = body.IndexOf("-t " + printed + " ", StringComparison.Ordinal);
            var ruleText = tableAt < 0 ? string.Join(' ', fields[3..]) : body[(tableAt + 4 + printed.Length)..].TrimStart();
            return new XtablesRuleEvent(body, family, table, command, chain, ruleText);
        }

        if (fields.Length == 4 && fields[0] is "-4" or "-6" && fields[1] == "-t" && fields[3].StartsWith('-'))
        {
            return new XtablesRuleEvent(body, fields[0], RuleFamily.TableName(fields[2], fields[0] == "-6"), fields[3][1..], null, null);
        }

        return new XtablesRuleEvent(body, null, null, null, null, null);
    }

    private static XtablesBatch ParseGeneration(string body, IReadOnlyList<XtablesRuleEvent> events)
    {
        long generation = -1;
        var pid = 0;
        var process = string.Empty;

        // NAME is last and may itself contain spaces in theory (a comm can), so take everything after "NAME=".
        var nameAt = body.IndexOf("NAME=", StringComparison.Ordinal);
        if (nameAt >= 0)
        {
            process = body[(nameAt + 5)..].Trim();
            body = body[..nameAt];
        }

        foreach (var field in body.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (field.StartsWith("GENID=", StringComparison.Ordinal))
            {
                _ = long.TryParse(field.AsSpan(6), out generation);
            }
            else if (field.StartsWith("PID=", StringComparison.Ordinal))
            {
                _ = int.TryParse(field.AsSpan(4), out pid);
            }
        }

        return new XtablesBatch(generation, pid, process, events);
    }
}
