namespace Portal.Server.Web;

/// <summary>
/// The server's content root (and with it the web root, wwwroot): its own folder, wherever it is started from. The
/// framework takes the working directory, so a systemd unit or an operator starting it from elsewhere
/// (<c>cd /; dotnet /opt/portal/Portal.Server.dll</c>) got its static files served empty and blank pages. A content
/// root configured explicitly (<c>--contentRoot</c>, ASPNETCORE_CONTENTROOT or DOTNET_CONTENTROOT) still wins.
/// </summary>
public static class ContentRoot
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = IsConfigured(args) ? null : AppContext.BaseDirectory,
    };

    private static bool IsConfigured(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        return !string.IsNullOrEmpty(configuration[HostDefaults.ContentRootKey]);
    }
}
