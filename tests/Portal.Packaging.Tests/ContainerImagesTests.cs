using System.Net;
using System.Security.Cryptography;
using Portal.Contracts.Api;
using Portal.Packaging.Tests.Infrastructure;

namespace Portal.Packaging.Tests;

/// <summary>
/// The Dockerfile for real: both targets built in a lab host's dockerd from locally made bases (no registry,
/// no network), the server and the agent run there as containers, and the API shows the agent's host online
/// with exactly the containers that dockerd lists.
/// </summary>
public sealed class ContainerImagesTests
{
    private const string Prefix = "pkg-";
    private const string ServerImage = Prefix + "server:test";
    private const string AgentImage = Prefix + "agent:test";
    private const string ServerContainer = Prefix + "server";
    private const string AgentContainer = Prefix + "agent";
    private const string DataVolume = Prefix + "data";
    private const string HostName = Prefix + "host";
    private const string LabAddress = "10.20.30.101";
    private const int ServerPort = 18080;

    private static readonly string[] LocalBases =
    [
        "--build-arg", "SDK_IMAGE=portal-base/sdk:local",
        "--build-arg", "ASPNET_IMAGE=portal-base/runtime:local",
        "--build-arg", "RUNTIME_IMAGE=portal-base/agent:local",
        "--build-arg", "INSTALL_IPTABLES=false",
        "--build-arg", "INSTALL_CLANG=false",
    ];

    [Fact]
    public async Task Images_BuiltOfflineAndRunOnLabHost_AgentHostOnlineWithDaemonsContainers()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var docker = new LabDocker("docker2");
        await LabPrerequisites.EnsureUpAsync(docker, cancellationToken);
        await ProcessRunner.RunCheckedAsync("bash",
            [Path.Combine(Repository.Root, "lab", "images", "make-bases.sh"), docker.Endpoint], cancellationToken);

        var envFile = Path.Combine(Path.GetTempPath(), $"{Prefix}agent-{Guid.NewGuid():N}.env");
        try
        {
            await RemoveLeftoversAsync(docker, CancellationToken.None);
            using (var context = await BuildContext.SnapshotAsync(Repository.Root, cancellationToken))
            {
                // BuildKit: the shared build stage is published once and reused from its cache by the second target.
                await BuildAsync(docker, "server", ServerImage, context.Directory, cancellationToken);
                await BuildAsync(docker, "agent", AgentImage, context.Directory, cancellationToken);
            }

            var adminPassword = "Pkg-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            await docker.RunAsync(
            [
                "run", "-d", "--name", ServerContainer,
                "-p", $"{LabAddress}:{ServerPort}:8080",
                "-v", $"{DataVolume}:/data",
                "-e", $"Portal__Bootstrap__AdminPassword={adminPassword}",
                // The test talks plain http to the lab address; the cookie is Secure otherwise.
                "-e", "Portal__AllowInsecureHttp=true",
                // The image checks every 30 s; the test asks for the same probe more often.
                "--health-interval", "2s", "--health-start-period", "60s",
                ServerImage,
            ], cancellationToken);

            var serverUrl = new Uri($"http://{LabAddress}:{ServerPort}");
            using var api = new PortalApi(serverUrl);
            await Poll.UntilAsync(api.HealthAsync, status => status == HttpStatusCode.OK,
                TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500), status => $"GET /healthz: {status}", cancellationToken);
            var health = await Poll.UntilAsync(
                ct => docker.RunAsync(["inspect", "--format", "{{.State.Health.Status}}", ServerContainer], ct),
                status => status.Trim() is "healthy" or "unhealthy",
                TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500), status => $"health {status}", cancellationToken);
            Assert.Equal("healthy", health.Trim());

            await api.LoginAsync("admin", adminPassword, cancellationToken);
            await api.ChangePasswordAsync(adminPassword, adminPassword + "-changed", cancellationToken);
            var created = await api.CreateHostAsync(HostName, cancellationToken);

            // The token travels the way the README tells operators to pass it: an env file, never the command line.
            await File.WriteAllTextAsync(envFile, $"PORTAL_AGENT_TOKEN={created.Token}\n", cancellationToken);
            await docker.RunAsync(
            [
                "run", "-d", "--name", AgentContainer,
                "--network", "host", "--pid", "host",
                "--cap-drop", "ALL", .. AgentCapabilities.DockerRunArguments,
                "-v", $"{docker.SocketPath}:/var/run/docker.sock",
                // HostsPath in the Engine API is a path on the host: the same path inside, read-only.
                "-v", $"{docker.ContainersDirectory}:{docker.ContainersDirectory}:ro",
                "--env-file", envFile,
                AgentImage,
                "run", "--server", serverUrl.ToString().TrimEnd('/'), "--docker", "unix:///var/run/docker.sock", "--allow-insecure-http",
            ], cancellationToken);

            var (host, daemonCount) = await PollHostMatchesDaemonAsync(api, docker, cancellationToken);
            Assert.True(host.Online);
            Assert.Equal(daemonCount, host.Containers);
            Assert.False(string.IsNullOrEmpty(host.DockerVersion));
        }
        finally
        {
            File.Delete(envFile);
            if (Environment.GetEnvironmentVariable("PORTAL_PKG_KEEP") != "1")
            {
                await RemoveLeftoversAsync(docker, CancellationToken.None);
            }
        }
    }

    /// <summary>The host as the API shows it, and what `docker ps -a` said in the same round.</summary>
    private static async Task<(HostSummary Host, int DaemonCount)> PollHostMatchesDaemonAsync(PortalApi api, LabDocker docker, CancellationToken cancellationToken)
    {
        try
        {
            var matched = await Poll.UntilAsync(
                async ct =>
                {
                    // Other helpers share this dockerd: compare against a fresh count on every round.
                    var expected = await docker.CountContainersAsync(ct);
                    var host = (await api.HostsAsync(ct)).SingleOrDefault(h => h.Name == HostName);
                    return (host, expected);
                },
                round => round.host is { Online: true } h && h.Containers == round.expected,
                TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1),
                round => $"{HostName}: {round.host} while docker ps -a lists {round.expected}",
                cancellationToken);
            return (matched.host!, matched.expected);
        }
        catch (TimeoutException timeout)
        {
            var logs = await docker.TryRunAsync(["logs", "--tail", "60", AgentContainer], CancellationToken.None);
            throw new TimeoutException($"{timeout.Message}\nagent logs:\n{logs.StandardOutput}{logs.StandardError}", timeout);
        }
    }

    private static Task BuildAsync(LabDocker docker, string target, string tag, string context, CancellationToken cancellationToken) =>
        docker.RunAsync(["build", "--target", target, "-t", tag, .. LocalBases, "-f", "Dockerfile", "."],
            cancellationToken, DockerBuild.Environment, context);

    private static async Task RemoveLeftoversAsync(LabDocker docker, CancellationToken cancellationToken)
    {
        await docker.TryRunAsync(["rm", "-f", "-v", AgentContainer, ServerContainer], cancellationToken);
        await docker.TryRunAsync(["volume", "rm", "-f", DataVolume], cancellationToken);
        await docker.TryRunAsync(["image", "rm", AgentImage, ServerImage], cancellationToken);
        // BuildKit's cache makes an unchanged tree build in seconds; on vfs each entry is a full copy, so only the
        // most recent few GB stay.
        await docker.TryRunAsync(["builder", "prune", "-f", "--keep-storage", "6gb"], cancellationToken);
    }
}
