namespace Portal.Server.Data;

/// <summary>The SQL engine behind the portal: SQLite (embedded, the default) or PostgreSQL (shared by replicas).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
