using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>
/// How a rule, hosts line or variable that a change adds or removes is drawn: "+" in green, "-" in red, like a diff.
/// A row with no change (a rule as it stands) is drawn neutral.
/// </summary>
public sealed record DiffMark(string Sign, string CssClass, string Word)
{
    public static readonly DiffMark Added = new("+", "diff-added", "added");
    public static readonly DiffMark Removed = new("-", "diff-removed", "removed");
    public static readonly DiffMark Unchanged = new(" ", "diff-same", "unchanged");

    public static DiffMark Of(ChangeKind? change) => change switch
    {
        ChangeKind.Added => Added,
        ChangeKind.Removed => Removed,
        _ => Unchanged,
    };
}
