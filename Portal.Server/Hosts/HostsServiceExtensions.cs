namespace Portal.Server.Hosts;

public static class HostsServiceExtensions
{
    public static IHostApplicationBuilder AddPortalHosts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<HostRegistry>();
        return builder;
    }
}
