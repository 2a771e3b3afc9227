using System.Data;
using System.Data.Common;

namespace Portal.Server.Audit;

/// <summary>Provider-neutral command building for the audit store's raw SQL.</summary>
internal static class AuditSql
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand Command(this DbTransaction transaction, string sql) => transaction.Connection!.Command(sql, transaction);

    /// <summary>Adds <c>@name</c>; a type is needed where the value may be null (PostgreSQL infers parameter types).</summary>
    public static DbParameter Add(this DbCommand command, string name, object? value, DbType? type = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        if (type is { } known)
        {
            parameter.DbType = known;
        }

        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>An id or count from either engine (SQLite answers long, PostgreSQL int or long by column), or null.</summary>
    public static long? Long(object? value) => value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
}
