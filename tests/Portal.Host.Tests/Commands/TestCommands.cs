using Docker.DotNet;
using Microsoft.Extensions.DependencyInjection;
using Portal.Host.Commands;
using Portal.Host.Docker;
using Portal.Host.Iptables;

namespace Portal.Host.Tests.Commands;

/// <summary>
/// The agent's command services as the agent registers them, over a Docker socket and iptables programs that do not
/// exist: any attempt to act answers 502 or throws, so a test sees whether a command was refused before acting.
/// </summary>
public static class TestCommands
{
    public static ServiceProvider Services(Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IDockerClient>(_ => DockerClientFactory.Create(new Uri("unix:///nonexistent/chg-docker.sock")))
            .AddSingleton(new IptablesBackend("nf_tables", "/nonexistent/iptables-save"))
            .AddAgentCommands();
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
