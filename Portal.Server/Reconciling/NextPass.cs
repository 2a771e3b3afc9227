namespace Portal.Server.Reconciling;

/// <summary>
/// When a host's next reconciliation pass is due. A <see cref="Firm"/> wait (the host's state has not settled since a
/// change, or another replica holds its lock) is kept even when the host reports something new meanwhile; a soft one (a
/// repair held back by its backoff) gives way to the pass a new report asks for.
/// </summary>
public readonly record struct NextPass(TimeSpan After, bool Firm)
{
    public static NextPass Settling(TimeSpan after) => new(after, Firm: true);

    public static NextPass HeldBack(TimeSpan after) => new(after, Firm: false);
}
