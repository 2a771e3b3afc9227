using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Api;
using Portal.Core.Iptables;
using Portal.Server.Api;
using Portal.Server.Auth;
using Portal.Server.State;

namespace Portal.Server.Audit;

/// <summary>
/// Rule history for viewers: rows with the contract's filters (JSON or CSV), the rules at a past moment and the
/// difference between two moments. Read-only by design: no route deletes history.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Viewer);
        audit.MapGet("", ListAsync);
        audit.MapGet("/rules", RulesAsync);
        audit.MapGet("/diff", DiffAsync);
        endpoints.MapGet("/api/audit.csv", CsvAsync).WithTags("Audit").RequireAuthorization(Policies.Viewer);
        return endpoints;
    }

    private static async Task<Results<Ok<List<AuditEntryView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpRequest request, AuditReader reader, HostStateStore hosts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = AuditQueryParser.Filter(request.Query, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (filter.Host is { } host && !await KnownAsync(host, reader, hosts, cancellationToken))
        {
            return Problems.HostNotFound(host);
        }

        return TypedResults.Ok(await reader.QueryAsync(filter, cancellationToken));
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> CsvAsync(
        HttpRequest request, AuditReader reader, HostStateStore hosts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = AuditQueryParser.Filter(request.Query, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (filter.Host is { } host && !await KnownAsync(host, reader, hosts, cancellationToken))
        {
            return Problems.HostNotFound(host);
        }

        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 16 * 1024);
            await writer.WriteAsync(AuditCsv.Header + "\r\n");
            await foreach (var row in reader.StreamAsync(filter, cancellationToken))
            {
                await writer.WriteAsync(AuditCsv.Line(row) + "\r\n");
            }
        }, "text/csv; charset=utf-8", "audit.csv");
    }

    private static async Task<Results<Ok<List<RuleAtTime>>, ValidationProblem, ProblemHttpResult>> RulesAsync(
        HttpRequest request, AuditReader reader, AuditTimeline timeline, HostStateStore hosts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var host = Required(request, "host", errors);
        var at = RequiredTime(request, "at", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await KnownAsync(host!, reader, hosts, cancellationToken))
        {
            return Problems.HostNotFound(host!);
        }

        var history = await timeline.RulesAtAsync(host!, at!.Value, cancellationToken);
        return TypedResults.Ok(history.Snapshot().Select(r => new RuleAtTime(r.Table, r.Chain, r.Index, r.Text)).ToList());
    }

    private static async Task<Results<Ok<List<RuleDiff>>, ValidationProblem, ProblemHttpResult>> DiffAsync(
        HttpRequest request, AuditReader reader, AuditTimeline timeline, HostStateStore hosts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var host = Required(request, "host", errors);
        var from = RequiredTime(request, "from", errors);
        var to = RequiredTime(request, "to", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await KnownAsync(host!, reader, hosts, cancellationToken))
        {
            return Problems.HostNotFound(host!);
        }

        var before = await timeline.RulesAtAsync(host!, from!.Value, cancellationToken);
        var after = await timeline.RulesAtAsync(host!, to!.Value, cancellationToken);
        return TypedResults.Ok(RuleLists.Diff(before.Snapshot(), after.Snapshot()).ToList());
    }

    // A registered host, or one that has history (it may have been deleted since).
    private static async Task<bool> KnownAsync(string host, AuditReader reader, HostStateStore hosts, CancellationToken cancellationToken) =>
        hosts.Get(host) is not null || await reader.KnowsHostAsync(host, cancellationToken);

    private static string? Required(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        var value = AuditQueryParser.Text(request.Query, name);
        if (value is null)
        {
            errors[name] = [$"{name} is required."];
        }

        return value;
    }

    private static long? RequiredTime(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        var value = AuditQueryParser.Time(request.Query, name, errors);
        if (value is null && !errors.ContainsKey(name))
        {
            errors[name] = [$"{name} is required (ISO 8601)."];
        }

        return value;
    }
}
