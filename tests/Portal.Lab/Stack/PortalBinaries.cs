namespace Portal.Lab.Stack;

/// <summary>
/// Where the server and agent builds are: the published folders under artifacts/ (scripts/test.sh publishes them
/// first), else the newest Debug or Release build output. The publish output is preferred because a build output
/// serves the client's static web assets unreliably (empty files in Production, stale fingerprints after parallel
/// builds); run `dotnet publish Portal.Server -c Release -o artifacts/server` (and Portal.Host to artifacts/host)
/// after changing them. A build output is run in the Development environment: its static web assets answer 200 with no body in Production.
/// </summary>
public static class PortalBinaries
{
    public static string Server => Find("server", "Portal.Server");

    /// <summary>
    /// The words that start the agent: the published executable (artifacts/host/Portal.Host, compiled natively), else
    /// <c>dotnet</c> and the newest build output (a JIT build, for a quick try without a publish).
    /// </summary>
    public static string[] Agent
    {
        get
        {
            var published = Path.Combine(Lab.RepositoryRoot, "artifacts", "host", "Portal.Host");
            return File.Exists(published) ? [published] : ["dotnet", Find("host", "Portal.Host")];
        }
    }

    /// <summary>True when <paramref name="dll"/> comes from a build folder rather than a publish folder.</summary>
    public static bool IsBuildOutput(string dll) => dll.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string Find(string artifact, string project)
    {
        var root = Lab.RepositoryRoot;
        var published = Path.Combine(root, "artifacts", artifact, project + ".dll");
        if (File.Exists(published))
        {
            return published;
        }

        string[] built =
        [
            Path.Combine(root, project, "bin", "Release", "net10.0", project + ".dll"),
            Path.Combine(root, project, "bin", "Debug", "net10.0", project + ".dll"),
        ];
        return built.Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new FileNotFoundException($"{project} is not built; looked for {published} and {string.Join(", ", built)}");
    }
}
