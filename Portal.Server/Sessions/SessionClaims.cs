namespace Portal.Server.Sessions;

/// <summary>Claim types the portal adds to a person's sign-in cookie.</summary>
public static class SessionClaims
{
    /// <summary>The id of the server-side session row; a cookie whose session is gone is rejected.</summary>
    public const string SessionId = "portal:sid";

    /// <summary>
    /// A user claim (stored in AspNetUserClaims, so it survives restarts and lands in the cookie at sign-in):
    /// the password was set by someone else (bootstrap or an admin's reset) and must be changed first.
    /// </summary>
    public const string MustChangePassword = "portal:must-change-password";
}
