using Portal.Server.Data;

namespace Portal.Server.Auth;

/// <summary>
/// Where a generated bootstrap password is kept until it is changed: <c>bootstrap-admin-password</c> next to the
/// SQLite file (<c>Portal:Database</c>, also with PostgreSQL), created readable and writable by the server's own user only (0600). It never goes to the log,
/// which collectors and support bundles copy far and wide.
/// </summary>
public sealed class BootstrapPasswordFile(IServiceScopeFactory scopes)
{
    public const string FileName = "bootstrap-admin-password";

    public string Path
    {
        get
        {
            using var scope = scopes.CreateScope();
            // With PostgreSQL the SQLite path setting still places the server's local files.
            var database = DataServiceExtensions.DatabasePath(scope.ServiceProvider);
            var folder = System.IO.Path.GetDirectoryName(database) ?? ".";
            return System.IO.Path.Combine(folder, FileName);
        }
    }

    public async Task WriteAsync(string password, CancellationToken cancellationToken)
    {
        var path = Path;
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteLineAsync(password.AsMemory(), cancellationToken);
    }

    public void Delete() => File.Delete(Path);
}
