using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Server.Data;

namespace Portal.Server.Audit;

/// <summary>
/// The raw SQL path to the audit tables (created by the EF migrations of either engine). EF is an order of magnitude
/// slower for bulk appends, and the queries are keyset scans EF would not write any better. The SQL text is shared by
/// both engines (parameters written <c>@name</c>, PostgreSQL's names folded to lower case by its context) except where
/// a statement says otherwise by <see cref="IsPostgres"/>.
/// </summary>
public sealed class AuditDatabase(DatabaseProvider provider, string connectionString)
{
    /// <summary>A SQLite file's connection string (the benchmark's and older callers' form).</summary>
    public AuditDatabase(string connectionString)
        : this(DatabaseProvider.Sqlite, connectionString)
    {
    }

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>How the writer sends a batch's rows to PostgreSQL (the benchmark compares both).</summary>
    public PostgresBulkInsert BulkInsert { get; init; } = PostgresBulkInsert.Unnest;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>A write transaction: SQLite's BEGIN IMMEDIATE takes the write lock up front; PostgreSQL's rows lock as written.</summary>
    public static DbTransaction BeginWrite(DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction();
}
