using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Secrets;

/// <summary>
/// A host whose containers carry secrets of every kind, each a fresh random value, so finding one in any text or byte
/// sequence can only mean it leaked.
/// </summary>
public sealed class SecretHost
{
    public string Password { get; } = Fresh("pw");

    public string UrlPassword { get; } = Fresh("url");

    public string LinkCopy { get; } = Fresh("link");

    public string Withheld { get; } = Fresh("own");

    public IReadOnlyList<string> All => [Password, UrlPassword, LinkCopy, Withheld];

    public Container Db() => Snapshots.Container("db", "dbdbdbdbdbdb01", "172.17.0.3") with
    {
        Env =
        [
            new EnvVariable("PATH", "/bin", EnvSource.Image),
            new EnvVariable("DB_PASSWORD", Password, EnvSource.User),
            new EnvVariable("DATABASE_URL", $"postgres://app:{UrlPassword}@db:5432/app", EnvSource.User),
            new EnvVariable("GREETING", "hello-in-clear", EnvSource.User),
            // An agent that marks a value masked has withheld it; the server keeps no value even if one came along.
            new EnvVariable("PORTAL_AGENT_TOKEN", Withheld, EnvSource.User, Masked: true),
        ],
    };

    public Container Client() => Snapshots.Container("client", "c1c1c1c1c1c101", "172.17.0.4") with
    {
        Env = [new EnvVariable("OTHER_ENV_API_TOKEN", LinkCopy, EnvSource.Link)],
    };

    public HostSnapshot Snapshot(string host, long sequence = 1)
    {
        var classic = Snapshots.Classic(host, sequence);
        return classic with { Containers = [Client(), Db(), .. classic.Containers] };
    }

    public static string Fresh(string kind) => $"{kind}-{Guid.NewGuid():N}";
}
