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
    private static string? s_hash;

    public void Verify(string password)
    {
        var hash = s_hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
