namespace Portal.Client.Changes;

/// <summary>How a field of a change form is edited.</summary>
public enum ChangeFieldKind
{
    Text,
    Number,
    Switch,
    Select,
}
