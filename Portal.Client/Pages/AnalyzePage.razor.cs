using Portal.Client.Analysis;
using Portal.Contracts.Model;
using Portal.Core.Analysis;

namespace Portal.Client.Pages;

/// <summary>
/// "Analyze a capture": the three files of <c>Portal.Host analyze</c> pasted or uploaded, analysed here in the browser
/// by Portal.Core's <see cref="CaptureAnalyzer"/> (the same code as the command line), so a capture never leaves the
/// user's machine and the server needs no endpoint, no size limit and no storage for it. The rules are shown with the
/// host page's rule table, the findings above them.
/// </summary>
public partial class AnalyzePage
{
    private static readonly IReadOnlyList<CaptureField> Fields = CaptureField.All;

    private readonly Dictionary<string, string> _texts = Fields.ToDictionary(f => f.Key, _ => string.Empty, StringComparer.Ordinal);
    private CaptureAnalysis? _analysis;
    private string? _error;

    private void Analyze()
    {
        _analysis = null;
        _error = null;
        var missing = Fields.Where(f => f.Required && string.IsNullOrWhiteSpace(_texts[f.Key])).Select(f => f.Label).ToList();
        if (missing.Count > 0)
        {
            _error = $"Missing: {string.Join(", ", missing)}.";
            return;
        }

        try
        {
            _analysis = CaptureAnalyzer.Analyze(new Capture(
                Text(CaptureField.Rules),
                string.IsNullOrWhiteSpace(_texts[CaptureField.Rules6.Key]) ? null : Text(CaptureField.Rules6),
                Text(CaptureField.Containers),
                Text(CaptureField.Networks)));
        }
        catch (CaptureException e)
        {
            _error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of the analysis, not of the files: said on the page rather than ending the app.
            _error = $"The analysis failed: {e.Message}";
        }
    }

    private void Clear()
    {
        foreach (var field in Fields)
        {
            _texts[field.Key] = string.Empty;
        }

        _analysis = null;
        _error = null;
    }

    private CaptureText Text(CaptureField field) => new(field.Label, _texts[field.Key]);

    private static IEnumerable<string> Tables(IReadOnlyList<Rule> rules) => rules.Select(r => r.Table).Distinct(StringComparer.Ordinal);

    private static string Summary(CaptureAnalysis analysis) =>
        $"{analysis.Rules.Count + analysis.Rules6.Count} rules, {analysis.Containers.Count} containers, {analysis.Bridges.Count} bridge networks; " +
        $"{analysis.Rules.Concat(analysis.Rules6).Count(r => r.Owner.Kind == RuleOwnerKind.Unknown)} rules no one owns.";
}
