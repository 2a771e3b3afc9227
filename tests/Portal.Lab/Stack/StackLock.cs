namespace Portal.Lab.Stack;

/// <summary>
/// One portal at a time on the lab, across processes: two portals managing the same host would each rewrite the
/// portal chain to their own intents. Held for a stack's whole life (an exclusive lock on a file in /run/lock, which
/// .NET takes with flock on Linux, so a crashed holder releases it).
/// </summary>
public sealed class StackLock : IDisposable
{
    private const string Path = "/run/lock/portal-stack.lock";

    private readonly FileStream _file;

    private StackLock(FileStream file) => _file = file;

    public static async Task<StackLock> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new StackLock(new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
