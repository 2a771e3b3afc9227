using System.Text;

namespace Portal.Scenarios.Tests.Security;

/// <summary>What the fuzz tried and what came back: counts per role and status, successes and contract faults.</summary>
public sealed class FuzzTally
{
    private readonly SortedDictionary<string, SortedDictionary<int, int>> _byRole = [];

    public List<string> Faults { get; } = [];

    public List<string> Successes { get; } = [];

    /// <summary>Kestrel's own refusals by status and kind of case (which inputs never reach the application).</summary>
    public SortedDictionary<string, int> RefusedByKestrel { get; } = new(StringComparer.Ordinal);

    public int SignInsAgain { get; set; }

    public int Total => _byRole.Values.Sum(s => s.Values.Sum());

    public void Add(string role, FuzzCase fuzzCase, FuzzAnswer answer)
    {
        var statuses = _byRole.TryGetValue(role, out var found) ? found : _byRole[role] = [];
        statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
        if (answer.IsRefusedByKestrel)
        {
            var kind = $"{answer.Status} {fuzzCase.Category}: {fuzzCase.Name}";
            RefusedByKestrel[kind] = RefusedByKestrel.GetValueOrDefault(kind) + 1;
        }

        if (answer.IsSuccess)
        {
            Successes.Add($"{role}: {answer.Status} {fuzzCase}");
        }

        if (answer.Fault() is { } fault)
        {
            Faults.Add($"{role}: {fault}\n    case: {fuzzCase}");
        }
    }

    public string Summary(string title)
    {
        var text = new StringBuilder();
        text.AppendLine($"{title}: {Total} requests");
        foreach (var (role, statuses) in _byRole)
        {
            text.AppendLine($"  {role,-9} {statuses.Values.Sum(),6}  ({string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))})");
        }

        var all = _byRole.Values.SelectMany(s => s).GroupBy(s => s.Key).OrderBy(g => g.Key);
        text.AppendLine($"  by status: {string.Join(", ", all.Select(g => $"{g.Key}: {g.Sum(s => s.Value)}"))}");
        text.AppendLine($"  refused by Kestrel before the application (empty body, connection closed): {RefusedByKestrel.Values.Sum()}");
        foreach (var (kind, count) in RefusedByKestrel)
        {
            text.AppendLine($"    {kind} x{count}");
        }

        text.AppendLine($"  2xx answers (valid-looking requests that succeeded): {Successes.Count}; sign-ins again after one ended the session: {SignInsAgain}");
        foreach (var success in Successes.GroupBy(s => s[..s.IndexOf('[', StringComparison.Ordinal)]))
        {
            text.AppendLine($"    {success.Key}x{success.Count()}");
        }

        text.AppendLine($"  contract faults (5xx or an error without ProblemDetails): {Faults.Count}");
        return text.ToString();
    }
}
