using Portal.Lab;

namespace Portal.Host.Tests;

/// <summary>The containers and network of the classic scenario, all named with one hst- prefix.</summary>
public sealed class Scenario(string prefix)
{
    public string Web { get; } = $"{prefix}-web";
    public string Child { get; } = $"{prefix}-child";
    public string Client { get; } = $"{prefix}-client";
    public string Network { get; } = $"{prefix}-net";
    public string Static { get; } = $"{prefix}-static";
    public string Alias { get; } = $"{prefix}-alias";
    public string Mover { get; } = $"{prefix}-mover";
    public string Filler { get; } = $"{prefix}-filler";
    public string StaticAddress { get; private set; } = string.Empty;
    public string? MoverFirstAddress { get; private set; }

    public IReadOnlyList<string> Containers => [Web, Child, Client, Static, Mover, Filler];

    /// <summary>Running containers and the network their eth0 is on.</summary>
    public IReadOnlyList<(string Name, string Network)> Running =>
        [(Web, "bridge"), (Child, "bridge"), (Client, "bridge"), (Static, Network), (Mover, Network), (Filler, Network)];

    public async Task BuildAsync(LabHost host, CancellationToken ct)
    {
        await host.DockerAsync(["run", "-d", "--name", Web, "-p", "80", "busybox", "sleep", "3600"], ct);
        await host.DockerAsync(["run", "-d", "--name", Child, "--expose", "80", "--expose", "53/udp", "--expose", "9000", "--expose", "9001",
            "-e", "CHILD_VAR=x", "busybox", "sleep", "3600"], ct);
        await host.DockerAsync(["run", "-d", "--name", Client, "--link", $"{Child}:db", "-e", "USERVAR=1", "busybox", "sleep", "3600"], ct);

        // Other helpers create networks too: pick a random /24 and try another when it overlaps.
        for (var attempt = 0; ; attempt++)
        {
            var third = Random.Shared.Next(0, 256);
            var result = await host.TryDockerAsync(["network", "create", "--subnet", $"172.29.{third}.0/24",
                "-o", "com.docker.network.bridge.enable_icc=false", Network], ct);
            if (result.Succeeded)
            {
                StaticAddress = $"172.29.{third}.10";
                break;
            }

            Assert.True(attempt < 10, result.StandardError);
        }

        await host.DockerAsync(["run", "-d", "--name", Static, "--network", Network, "--ip", StaticAddress, "--network-alias", Alias,
            "busybox", "sleep", "3600"], ct);

        // A restart into a new address: stop it, let another container take the freed address (a static IP on
        // the user-defined network makes that deterministic; the default bridge allocates round-robin), start again.
        await host.DockerAsync(["run", "-d", "--name", Mover, "--network", Network, "busybox", "sleep", "3600"], ct);
        using (var inspect = await host.InspectAsync(Mover, ct))
        {
            MoverFirstAddress = GroundTruth.String(inspect.RootElement, "NetworkSettings", "Networks", Network, "IPAddress");
        }

        await host.DockerAsync(["stop", "-t", "0", Mover], ct);
        await host.DockerAsync(["run", "-d", "--name", Filler, "--network", Network, "--ip", MoverFirstAddress!, "busybox", "sleep", "3600"], ct);
        await host.DockerAsync(["start", Mover], ct);
    }
}
