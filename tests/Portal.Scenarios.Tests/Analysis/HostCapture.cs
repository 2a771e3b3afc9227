using Portal.Lab;

namespace Portal.Scenarios.Tests.Analysis;

/// <summary>
/// The three files a user captures on a Docker host for <c>Portal.Host analyze</c>, taken from a lab host exactly as
/// the README says: <c>iptables-save</c>, <c>docker inspect $(docker ps -aq)</c>, <c>docker network inspect $(docker
/// network ls -q)</c>, written into a folder of their own.
/// </summary>
public sealed class HostCapture : IDisposable
{
    private HostCapture(string folder) => Folder = folder;

    public string Folder { get; }

    public string Rules => Path.Combine(Folder, "iptables-save.txt");

    public string Containers => Path.Combine(Folder, "inspect.json");

    public string Networks => Path.Combine(Folder, "networks.json");

    public static async Task<HostCapture> TakeAsync(LabHost host, CancellationToken cancellationToken)
    {
        var capture = new HostCapture(Directory.CreateTempSubdirectory("portal-capture-").FullName);
        var ids = (await host.DockerAsync(["ps", "-aq"], cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var networks = (await host.DockerAsync(["network", "ls", "-q"], cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await File.WriteAllTextAsync(capture.Rules, await host.IptablesSaveAsync(cancellationToken: cancellationToken), cancellationToken);
        await File.WriteAllTextAsync(capture.Containers, await host.DockerAsync(["inspect", .. ids], cancellationToken), cancellationToken);
        await File.WriteAllTextAsync(capture.Networks, await host.DockerAsync(["network", "inspect", .. networks], cancellationToken), cancellationToken);
        return capture;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
