namespace Portal.Packaging.Tests.Infrastructure;

public static class LabPrerequisites
{
    /// <summary>Brings the shared lab up when its daemon does not answer (lab.sh up is idempotent).</summary>
    public static async Task EnsureUpAsync(LabDocker docker, CancellationToken cancellationToken)
    {
        var version = await docker.TryRunAsync(["version", "--format", "{{.Server.Version}}"], cancellationToken);
        if (version.ExitCode == 0)
        {
            return;
        }
        await ProcessRunner.RunCheckedAsync("bash", [Path.Combine(Repository.Root, "lab", "lab.sh"), "up", "--icc=false"],
            cancellationToken);
    }
}
