using Portal.Lab;

namespace Portal.Replicas.Tests;

/// <summary>
/// The one PostgreSQL database both replicas use: a fresh database in the private cluster of scripts/postgres.sh
/// (started here if it is not up; <c>PORTAL_TEST_POSTGRES</c> points elsewhere), dropped at the end. Replicas need
/// PostgreSQL: its advisory locks are what lets exactly one of them change or reconcile a host at a time.
/// </summary>
public static class SharedDatabase
{
    public static async Task<IReadOnlyDictionary<string, string>> CreateAsync(string key, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is not { Length: > 0 })
        {
            await ReplicaSet.ScriptAsync("postgres.sh", ["up"], cancellationToken);
        }

        return new Dictionary<string, string>
        {
            ["Portal__Database__Provider"] = "postgres",
            ["Portal__Database__ConnectionString"] = TestDatabase.ConnectionString(key),
        };
    }

    public static Task DropAsync(string key) => TestDatabase.DropAsync(key);
}
