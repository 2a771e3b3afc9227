using Portal.Contracts.Api;

namespace Portal.Client.Changes;

/// <summary>
/// A change the operator can plan and apply: its fields and how to send it. <see cref="Send"/> is called with
/// dryRun true to get the plan and false to apply it, always with the fields as they are then.
/// </summary>
public sealed class ChangeForm(string title, string testId, Func<ChangeForm, bool, CancellationToken, Task<ChangeResponse>> send)
{
    public string Title { get; } = title;

    /// <summary>The dialog's data-testid (link-dialog, port-dialog, ...).</summary>
    public string TestId { get; } = testId;

    public IReadOnlyList<ChangeField> Fields { get; init; } = [];

    /// <summary>Plan as soon as the dialog opens: the request is complete without typing (defaults, removals).</summary>
    public bool PlanOnOpen { get; init; }

    public Task<ChangeResponse> SendAsync(bool dryRun, CancellationToken cancellationToken) => send(this, dryRun, cancellationToken);

    public ChangeField? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The trimmed text of a field, null when empty (the contract's "not given").</summary>
    public string? Text(string name) => Field(name)?.Text?.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>
    /// A number field; 0 when empty or not a number, so that the server answers 400 on that field in its own words
    /// rather than the client inventing a second set of rules.
    /// </summary>
    public int Number(string name) => int.TryParse(Text(name), out var value) ? value : 0;

    public bool Flag(string name) => Field(name)?.Flag ?? false;
}
