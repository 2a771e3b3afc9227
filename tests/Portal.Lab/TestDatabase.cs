using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Portal.Lab;

/// <summary>
/// Which database the tests' servers use: SQLite files (the default) or, with <c>PORTAL_TEST_DATABASE=postgres</c>, a
/// database of their own in the private cluster of scripts/postgres.sh (<c>PORTAL_TEST_POSTGRES</c> overrides its
/// connection string). A server's database is named after a key (its SQLite path), so a second server started on the
/// same key finds the first one's data, as a second server on the same SQLite file does.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("PORTAL_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string Cluster { get; } =
        Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=55432;Username=portal;Password=portal";

    /// <summary>The database a server with this key uses (PostgreSQL names: lower case, at most 63 bytes).</summary>
    public static string NameFor(string key) =>
        "portal_test_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20].ToLowerInvariant();

    /// <summary>The connection string of a server with this key; the server creates the database when it migrates.</summary>
    public static string ConnectionString(string key) =>
        new NpgsqlConnectionStringBuilder(Cluster) { Database = NameFor(key), Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    /// <summary>The server's database settings by configuration key (Portal:Database:...), empty for SQLite.</summary>
    public static Dictionary<string, string> Settings(string key) =>
        IsPostgres
            ? new Dictionary<string, string>
            {
                ["Portal:Database:Provider"] = "postgres",
                ["Portal:Database:ConnectionString"] = ConnectionString(key),
            }
            : [];

    /// <summary>Drops the database of this key, closing whatever still uses it (no-op for SQLite).</summary>
    public static async Task DropAsync(string key)
    {
        if (!IsPostgres)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Cluster) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{NameFor(key)}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }
}
