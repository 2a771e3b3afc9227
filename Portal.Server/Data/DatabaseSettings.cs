namespace Portal.Server.Data;

/// <summary>
/// <c>Portal:Database:Provider</c> (<c>sqlite</c>, the default, or <c>postgres</c>) with
/// <c>Portal:Database:ConnectionString</c> for PostgreSQL. <c>Portal:Database</c> itself stays the SQLite file's path
/// (<c>Portal:Database:Path</c> says the same where a settings file cannot give a key both a value and children); with
/// PostgreSQL that path still places the server's local files (the data protection key ring, the bootstrap password).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string? ConnectionString, string LocalPath)
{
    public const string Section = "Portal:Database";

    /// <summary>The settings as configured now; a clear error for an unknown provider or a missing connection string.</summary>
    public static DatabaseSettings Read(IConfiguration configuration, string contentRoot)
    {
        var path = configuration[Section] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : configuration[$"{Section}:Path"];
        var localPath = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? "portal.db" : path, contentRoot);
        var provider = configuration[$"{Section}:Provider"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException(
                $"Portal:Database:Provider (Portal__Database__Provider) is '{other}': use 'sqlite' (the default) or 'postgres'."),
        };
        var connectionString = configuration[$"{Section}:ConnectionString"];
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "Portal:Database:Provider is 'postgres' but Portal:Database:ConnectionString (Portal__Database__ConnectionString) is empty: " +
                "give an Npgsql connection string, e.g. Host=db;Database=portal;Username=portal;Password=...");
        }

        return new DatabaseSettings(provider, provider == DatabaseProvider.Postgres ? connectionString : $"Data Source={localPath}", localPath);
    }

    public static DatabaseSettings Read(IServiceProvider services) =>
        Read(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>().ContentRootPath);
}
