namespace Portal.Core.Reachability;

/// <summary>Whether a match holds for the packet: yes, no, or unknown from what the portal knows.</summary>
internal enum Tri
{
    No,
    Yes,
    Unknown,
}

internal static class TriExtensions
{
    public static Tri Of(bool value) => value ? Tri.Yes : Tri.No;

    public static Tri Negate(this Tri value, bool negated) =>
        !negated || value == Tri.Unknown ? value : value == Tri.Yes ? Tri.No : Tri.Yes;
}
