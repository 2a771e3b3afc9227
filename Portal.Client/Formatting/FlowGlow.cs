namespace Portal.Client.Formatting;

/// <summary>How bright an edge whose count moved still is: full at the push, fading linearly to nothing.</summary>
public static class FlowGlow
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    /// <summary>1 right after the push, 0 once <see cref="Duration"/> has passed (or never lit).</summary>
    public static double Level(DateTimeOffset? litAt, DateTimeOffset now)
    {
        if (litAt is not { } lit)
        {
            return 0;
        }

        var elapsed = now - lit;
        if (elapsed < TimeSpan.Zero)
        {
            return 1;
        }

        return elapsed >= Duration ? 0 : 1 - elapsed / Duration;
    }

    public static bool IsLit(DateTimeOffset? litAt, DateTimeOffset now) => Level(litAt, now) > 0;
}
