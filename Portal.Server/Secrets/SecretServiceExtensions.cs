using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Core.Secrets;
using Portal.Server.Data;

namespace Portal.Server.Secrets;

public static class SecretServiceExtensions
{
    /// <summary>Configuration key of the name patterns that make a variable secret (a list; the defaults when absent).</summary>
    public const string NamePatternsKey = "Portal:Secrets:NamePatterns";

    /// <summary>
    /// The classifier (configurable patterns), the vault that masks at ingest and data protection with its keys in the
    /// data folder, next to the SQLite file (<c>portal.db-keys/</c>, mode 0700), so sealed values and sign-in cookies
    /// survive a restart and a new container.
    /// </summary>
    public static IHostApplicationBuilder AddPortalSecrets(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(sp =>
            new SecretClassifier(sp.GetRequiredService<IConfiguration>().GetSection(NamePatternsKey).Get<string[]>()));
        builder.Services.TryAddSingleton<SecretVault>();
        builder.Services.AddDataProtection().SetApplicationName("docker-network-portal");
        // Read the folder when the key ring is first used, not now: test hosts override the database path after Program runs.
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, services) =>
            options.XmlRepository = new FileSystemXmlRepository(KeyFolder(services), services.GetRequiredService<ILoggerFactory>()));
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalSecrets(this IEndpointRouteBuilder endpoints) => endpoints.MapSecretsApi();

    /// <summary>The data protection key ring's folder: beside the database file, readable by the server's user only.</summary>
    public static DirectoryInfo KeyFolder(IServiceProvider services)
    {
        var path = DataServiceExtensions.DatabasePath(services) + "-keys";
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
