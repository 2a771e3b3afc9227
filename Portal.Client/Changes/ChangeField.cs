namespace Portal.Client.Changes;

/// <summary>
/// One field of a change form. <see cref="Name"/> is the camelCase field name of the public contract, so the
/// errors of a 400 land on the field they name.
/// </summary>
public sealed class ChangeField(string name, string label, ChangeFieldKind kind = ChangeFieldKind.Text)
{
    public string Name { get; } = name;

    public string Label { get; } = label;

    public ChangeFieldKind Kind { get; } = kind;

    public string? Text { get; set; }

    public bool Flag { get; set; }

    public IReadOnlyList<string> Options { get; init; } = [];

    public string? Hint { get; init; }

    /// <summary>Shown but not editable (the two ends of a link picked on the host page).</summary>
    public bool ReadOnly { get; init; }
}
