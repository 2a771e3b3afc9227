namespace Portal.Server.Auth;

/// <summary>Authorization policy names: one per role (each role includes the ones below it) and one for agents.</summary>
public static class Policies
{
    public const string Viewer = Portal.Contracts.Api.Roles.Viewer;
    public const string Operator = Portal.Contracts.Api.Roles.Operator;
    public const string Admin = Portal.Contracts.Api.Roles.Admin;
    public const string Agent = "agent";
}
