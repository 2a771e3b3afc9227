namespace Portal.Packaging.Tests.Infrastructure;

public static class DockerBuild
{
    /// <summary>Environment for `docker build` against the lab's 20.10 daemon.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["DOCKER_BUILDKIT"] = "1",
    };
}
