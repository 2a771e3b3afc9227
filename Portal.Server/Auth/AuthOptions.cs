namespace Portal.Server.Auth;

/// <summary><c>Portal:Auth:*</c>: sign-in limits and how often open live connections are re-checked.</summary>
public sealed class AuthOptions
{
    public const string Section = "Portal:Auth";

    /// <summary>Sign-in attempts per minute and client address (all user names together); more get 429.</summary>
    public int LoginPermitsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins of one user name from one client address before that pair is locked out.</summary>
    public int LockoutAfterFailures { get; set; } = 5;

    /// <summary>The first lockout; each further failure after it doubles the wait, up to <see cref="LockoutMax"/>.</summary>
    public TimeSpan LockoutFirst { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan LockoutMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often open /hubs/live connections are checked against sessions, users and roles.</summary>
    public TimeSpan LiveCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}
