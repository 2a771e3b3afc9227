namespace Portal.Core.Plans;

/// <summary>The two values of a planned or observed change.</summary>
public static class Changes
{
    public const string Added = "added";
    public const string Removed = "removed";
}
