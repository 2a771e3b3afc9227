namespace Portal.Client.Changes;

/// <summary>Where a change dialog stands.</summary>
public enum ChangePhase
{
    /// <summary>Fields being filled; no plan, or the plan is stale because a field changed.</summary>
    Editing,
    Planning,
    Planned,
    Applying,
    Applied,
    /// <summary>The server refused (plan or apply); <see cref="ChangeRun.Error"/> says why.</summary>
    Failed,
}
