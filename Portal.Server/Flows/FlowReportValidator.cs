using System.Net;
using Portal.Contracts.Flows;
using Portal.Server.Data.Flows;

namespace Portal.Server.Flows;

/// <summary>
/// What a flow report must satisfy before it is stored: the token's host, a bounded number of edges, ends in the
/// explainer's vocabulary (a container name, <c>host</c>, <c>external:ADDRESS</c>), a port and protocol that exist,
/// counts not negative (0: a connection that ended, older than the agent's watch) and a time window that is neither inverted nor in the future. Returns the reason it fails, or null.
/// </summary>
public static class FlowReportValidator
{
    private static readonly HashSet<string> Protocols = ["tcp", "udp", "sctp"];

    public static string? Check(FlowReport? report, string host, DateTimeOffset now, TimeSpan skew)
    {
        if (report is null)
        {
            return "null report";
        }

        if (!string.Equals(report.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            return $"report for host '{report.Host}' on the token of '{host}'";
        }

        if (report.Number < 0)
        {
            return "negative report number";
        }

        if (report.Edges is null)
        {
            return "missing edges";
        }

        if (report.Edges.Count > FlowLimits.EdgesPerReport)
        {
            return $"{report.Edges.Count} edges in one report (at most {FlowLimits.EdgesPerReport})";
        }

        foreach (var edge in report.Edges)
        {
            if (Check(edge, now + skew) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? Check(FlowEdge? edge, DateTimeOffset latest)
    {
        if (edge is null)
        {
            return "a null edge";
        }

        if ((CheckEnd(edge.From) ?? CheckEnd(edge.To)) is { } end)
        {
            return end;
        }

        if (edge.Port is < 0 or > 65535)
        {
            return $"port {edge.Port} out of range";
        }

        if (edge.Proto is null || !Protocols.Contains(edge.Proto))
        {
            return $"protocol '{edge.Proto}' (tcp, udp or sctp)";
        }

        if (edge.Network is { } network && (network.Length == 0 || network.Length > FlowLimits.NetworkLength))
        {
            return "a network name empty or too long";
        }

        if (edge.Count is < 0 or > FlowLimits.CountPerReport)
        {
            return $"count {edge.Count} out of range";
        }

        if (edge.FirstSeen > edge.LastSeen)
        {
            return "first seen after last seen";
        }

        return edge.LastSeen > latest ? "last seen in the future" : null;
    }

    private static string? CheckEnd(string? end)
    {
        if (string.IsNullOrEmpty(end) || end.Length > FlowLimits.EndLength)
        {
            return "an end empty or too long";
        }

        if (end.StartsWith("external:", StringComparison.Ordinal))
        {
            return IPAddress.TryParse(end.AsSpan("external:".Length), out _) ? null : $"'{end}' is not external:ADDRESS";
        }

        // Docker's container names: [a-zA-Z0-9][a-zA-Z0-9_.-]* ("host" is one too).
        var valid = char.IsAsciiLetterOrDigit(end[0]) && end.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
        return valid ? null : $"'{end}' is neither a container name, host nor external:ADDRESS";
    }
}
