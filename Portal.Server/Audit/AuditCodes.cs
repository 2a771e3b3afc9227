using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Contracts.Model;

namespace Portal.Server.Audit;

/// <summary>How values are encoded in the audit tables.</summary>
public static class AuditCodes
{
    public const int Removed = 0;
    public const int Added = 1;

    public static int Change(ChangeKind change) => change == ChangeKind.Added ? Added : Removed;

    public static ChangeKind Change(long code) => code == Added ? ChangeKind.Added : ChangeKind.Removed;

    /// <summary>64 bits of SHA-256: collisions are possible only in theory and are told apart by the text anyway.</summary>
    public static long Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BitConverter.ToInt64(digest[..8]);
    }

    public static string Json(RuleOwner owner) => JsonSerializer.Serialize(owner, PortalJson.Options);

    public static string Json(ChangeCause cause) => JsonSerializer.Serialize(cause, PortalJson.Options);

    public static RuleOwner Owner(string json) => JsonSerializer.Deserialize<RuleOwner>(json, PortalJson.Options) ?? RuleOwner.Unknown;

    public static ChangeCause Cause(string json) => JsonSerializer.Deserialize<ChangeCause>(json, PortalJson.Options) ?? ChangeCause.External;

    /// <summary>The container a row is filed under: the owner's container, a link's source, else a Docker event's container.</summary>
    public static string? Container(RuleOwner owner, ChangeCause cause) =>
        NonEmpty(owner.Container) ?? NonEmpty(owner.Source) ?? (cause.Kind == CauseKind.Docker ? NonEmpty(cause.Container) : null);

    public static long UnixMs(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
