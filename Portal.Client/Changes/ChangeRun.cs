using Portal.Client.Services;
using Portal.Contracts.Api;
using Portal.Contracts.Plans;

namespace Portal.Client.Changes;

/// <summary>
/// The plan-then-apply flow of one change dialog, without any UI: plan (dry run), apply only a plan that matches
/// the fields, remember the server's field errors and its message. Apply never runs without a fresh plan.
/// </summary>
public sealed class ChangeRun(ChangeForm form)
{
    private IReadOnlyDictionary<string, string[]> _fieldErrors = new Dictionary<string, string[]>();

    public ChangeForm Form { get; } = form;

    public ChangePhase Phase { get; private set; } = ChangePhase.Editing;

    public Plan? Plan { get; private set; }

    /// <summary>The answer to Apply: the stored intent with its status.</summary>
    public ChangeResponse? Result { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The HTTP status of the last refusal (400, 404, 409, 502, 503), for the page to word it.</summary>
    public int? ErrorStatus { get; private set; }

    public bool Busy => Phase is ChangePhase.Planning or ChangePhase.Applying;

    public bool CanApply => Phase == ChangePhase.Planned && Plan is not null;

    public string? FieldError(string name) =>
        _fieldErrors.FirstOrDefault(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join("; ", messages)
            : null;

    /// <summary>A field changed: the plan no longer describes the request.</summary>
    public void Edited()
    {
        if (Phase is ChangePhase.Planned or ChangePhase.Failed)
        {
            Phase = ChangePhase.Editing;
            Plan = null;
        }
    }

    public Task PlanAsync(CancellationToken cancellationToken) => RunAsync(ChangePhase.Planning, dryRun: true, cancellationToken);

    public Task ApplyAsync(CancellationToken cancellationToken) =>
        CanApply ? RunAsync(ChangePhase.Applying, dryRun: false, cancellationToken) : Task.CompletedTask;

    private async Task RunAsync(ChangePhase running, bool dryRun, CancellationToken cancellationToken)
    {
        if (Busy)
        {
            return;
        }

        Phase = running;
        Error = null;
        ErrorStatus = null;
        _fieldErrors = new Dictionary<string, string[]>();
        try
        {
            var response = await Form.SendAsync(dryRun, cancellationToken);
            Plan = response.Plan;
            if (dryRun)
            {
                Phase = ChangePhase.Planned;
            }
            else
            {
                Result = response;
                Phase = ChangePhase.Applied;
            }
        }
        catch (PortalApiException e)
        {
            Fail(e.Status, Describe(e), e.Errors);
        }
        catch (HttpRequestException e)
        {
            Fail(null, $"The portal server did not answer: {e.Message}", null);
        }
    }

    private void Fail(int? status, string message, IReadOnlyDictionary<string, string[]>? fieldErrors)
    {
        Phase = ChangePhase.Failed;
        ErrorStatus = status;
        Error = message;
        _fieldErrors = fieldErrors ?? new Dictionary<string, string[]>();
    }

    private static string Describe(PortalApiException e)
    {
        var text = string.IsNullOrWhiteSpace(e.Detail) ? e.Title : e.Detail;
        return e.Status switch
        {
            502 => $"Docker refused: {text}",
            503 => $"The host's agent is offline: {text}",
            409 => $"Conflict: {text}",
            404 => $"Not found: {text}",
            _ => text,
        };
    }
}
