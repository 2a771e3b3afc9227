namespace Portal.Packaging.Tests.Infrastructure;

/// <summary>
/// A frozen copy of the working tree to build from. Other helpers edit the tree while this test runs: building
/// both targets from the live tree would publish twice (the context differs between the two builds) and could
/// pair a server and an agent from different sources. The copy holds what git would (tracked and untracked, not
/// ignored); the Dockerfile's .dockerignore still applies to it.
/// </summary>
public sealed class BuildContext : IDisposable
{
    private BuildContext(string directory) => Directory = directory;

    public string Directory { get; }

    public static async Task<BuildContext> SnapshotAsync(string repository, CancellationToken cancellationToken)
    {
        var listing = await ProcessRunner.RunCheckedAsync("git",
            ["-C", repository, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cancellationToken);
        var target = Path.Combine(Path.GetTempPath(), $"pkg-context-{Guid.NewGuid():N}");
        foreach (var relative in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(repository, relative);
            if (!File.Exists(source))
            {
                continue; // deleted in the working tree, not yet in the index
            }
            var destination = Path.Combine(target, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination);
        }
        return new BuildContext(target);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
