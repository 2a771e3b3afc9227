namespace Portal.Contracts.Api;

/// <summary>Who may do what: viewers read, operators change networks, admins manage users, hosts and tokens.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Admin];

    /// <summary>True when <paramref name="role"/> grants at least what <paramref name="required"/> grants.</summary>
    public static bool Grants(string role, string required) => Rank(role) >= Rank(required);

    private static int Rank(string role) => role switch
    {
        Admin => 3,
        Operator => 2,
        Viewer => 1,
        _ => 0,
    };
}
