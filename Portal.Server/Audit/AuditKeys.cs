using System.Data.Common;

namespace Portal.Server.Audit;

/// <summary>
/// Ids of interned values (hosts, chains, rule texts, owners, causes, containers), cached so the hot path of an
/// append is dictionary lookups and one INSERT per row. Not thread-safe: the writer serializes its callers. A cache
/// that grows past <see cref="MaxCached"/> is dropped and refills from the database.
/// </summary>
internal sealed class AuditKeys
{
    private const int MaxCached = 200_000;

    private readonly Dictionary<string, int> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Table, string Chain), int> _chains = [];
    private readonly Dictionary<string, int> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _causes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _containers = new(StringComparer.Ordinal);

    /// <summary>After a rolled-back transaction the cached ids may name rows that never existed.</summary>
    public void Clear()
    {
        _hosts.Clear();
        _chains.Clear();
        _rules.Clear();
        _owners.Clear();
        _causes.Clear();
        _containers.Clear();
    }

    public int Host(DbTransaction tx, string name) =>
        Get(_hosts, name, tx, "SELECT Id FROM AuditHosts WHERE Name = @a", "INSERT INTO AuditHosts (Name) VALUES (@a) ON CONFLICT DO NOTHING RETURNING Id", name);

    public int Chain(DbTransaction tx, string table, string chain) =>
        Get(_chains, (table, chain), tx,
            "SELECT Id FROM AuditChains WHERE TableName = @a AND ChainName = @b",
            "INSERT INTO AuditChains (TableName, ChainName) VALUES (@a, @b) ON CONFLICT DO NOTHING RETURNING Id", table, chain);

    public int Owner(DbTransaction tx, string json) =>
        Get(_owners, json, tx, "SELECT Id FROM AuditOwners WHERE Json = @a", "INSERT INTO AuditOwners (Json) VALUES (@a) ON CONFLICT DO NOTHING RETURNING Id", json);

    public int Cause(DbTransaction tx, string kind, string json) =>
        Get(_causes, json, tx, "SELECT Id FROM AuditCauses WHERE Json = @b", "INSERT INTO AuditCauses (Kind, Json) VALUES (@a, @b) ON CONFLICT DO NOTHING RETURNING Id", kind, json);

    public int Container(DbTransaction tx, string name) =>
        Get(_containers, name, tx, "SELECT Id FROM AuditContainers WHERE Name = @a", "INSERT INTO AuditContainers (Name) VALUES (@a) ON CONFLICT DO NOTHING RETURNING Id", name);

    public int Rule(DbTransaction tx, string text)
    {
        if (_rules.TryGetValue(text, out var id))
        {
            return id;
        }

        var hash = AuditCodes.Hash(text);
        using (var find = tx.Connection!.CreateCommand())
        {
            find.Transaction = tx;
            find.CommandText = "SELECT Id, Text FROM AuditRuleTexts WHERE Hash = @h";
            find.Add("h", hash);
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetString(1) == text)
                {
                    return Remember(_rules, text, reader.GetInt32(0));
                }
            }
        }

        using var insert = tx.Connection!.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO AuditRuleTexts (Hash, Text) VALUES (@h, @t) RETURNING Id";
        insert.Add("h", hash);
        insert.Add("t", text);
        return Remember(_rules, text, Convert.ToInt32(insert.ExecuteScalar()));
    }

    private static int Get<TKey>(Dictionary<TKey, int> cache, TKey key, DbTransaction tx, string select, string insert, string a, string? b = null)
        where TKey : notnull
    {
        if (cache.TryGetValue(key, out var id))
        {
            return id;
        }

        // Select, insert (another replica may have inserted it meanwhile: nothing then), select again.
        foreach (var sql in new[] { select, insert, select })
        {
            using var command = tx.Connection!.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            command.Add("a", a);
            if (b is not null)
            {
                command.Add("b", b);
            }

            if (AuditSql.Long(command.ExecuteScalar()) is { } found)
            {
                return Remember(cache, key, (int)found);
            }
        }

        throw new InvalidOperationException("INSERT ... RETURNING gave no id, and no row was found");
    }

    private static int Remember<TKey>(Dictionary<TKey, int> cache, TKey key, int id) where TKey : notnull
    {
        if (cache.Count >= MaxCached)
        {
            cache.Clear();
        }

        cache[key] = id;
        return id;
    }
}
