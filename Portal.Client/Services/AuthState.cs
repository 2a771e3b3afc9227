using Portal.Contracts.Api;

namespace Portal.Client.Services;

/// <summary>
/// Who is signed in, as the server last said. The layout listens to <see cref="Changed"/> and sends the browser
/// to the sign-in page when a call answers 401.
/// </summary>
public sealed class AuthState
{
    public CurrentUser? User { get; private set; }

    /// <summary>True once the server has been asked (or a call answered 401), so the layout knows whether to wait.</summary>
    public bool Known { get; private set; }

    public event Action? Changed;

    public bool IsSignedIn => User is not null;

    /// <summary>True when the signed-in user's role grants at least <paramref name="role"/>.</summary>
    public bool Can(string role) => User is not null && Roles.Grants(User.Role, role);

    public void SignedIn(CurrentUser user)
    {
        User = user;
        Known = true;
        Changed?.Invoke();
    }

    public void SignedOut()
    {
        var wasKnownSignedOut = Known && User is null;
        User = null;
        Known = true;
        if (!wasKnownSignedOut)
        {
            Changed?.Invoke();
        }
    }
}
