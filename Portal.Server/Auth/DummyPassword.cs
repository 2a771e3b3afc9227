using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Portal.Server.Auth;

/// <summary>
/// A hash of a random password made with the same hasher as real users. Sign-in verifies against it when the user
/// name is unknown, so an unknown name costs the same time as a wrong password and timing tells no names apart.
/// </summary>
public sealed class DummyPassword(IPasswordHasher<IdentityUser> hasher)
{
    private static readonly IdentityUser Nobody = new("nobody");
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public void Verify(string password) => hasher.VerifyHashedPassword(Nobody, _hash.Value, password);
}
