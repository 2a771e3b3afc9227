using Microsoft.Data.Sqlite;

namespace Portal.Server.Audit;

/// <summary>
/// The raw SQLite path to the audit tables (created by the EF migration). EF is an order of magnitude slower for
/// bulk appends, and the queries are keyset scans EF would not write any better.
/// </summary>
public sealed class AuditDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
