namespace Portal.Client.Formatting;

/// <summary>
/// How a rule, hosts line or variable that a change adds or removes is drawn: "+" in green, "-" in red, like a diff.
/// Anything else (a change word the client does not know) is drawn neutral rather than guessed.
/// </summary>
public sealed record DiffMark(string Sign, string CssClass, string Word)
{
    public static readonly DiffMark Added = new("+", "diff-added", "added");
    public static readonly DiffMark Removed = new("-", "diff-removed", "removed");
    public static readonly DiffMark Unchanged = new(" ", "diff-same", "unchanged");

    public static DiffMark Of(string? change) => change?.Trim().ToLowerInvariant() switch
    {
        "added" or "add" or "+" => Added,
        "removed" or "remove" or "deleted" or "-" => Removed,
        _ => Unchanged,
    };
}
