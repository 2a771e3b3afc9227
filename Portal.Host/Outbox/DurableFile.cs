using System.Text;
using Tmds.Linux;

namespace Portal.Host.Outbox;

/// <summary>
/// Writes that survive SIGKILL and power loss: the content goes to a temporary file in the same folder, is fsynced,
/// renamed over the target (atomic on one file system) and the folder is fsynced so the rename itself is on disk.
/// A reader therefore sees the old file or the new one, never half of one.
/// </summary>
public static class DurableFile
{
    public const string TemporarySuffix = ".tmp";

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}{TemporarySuffix}");
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            await stream.WriteAsync(content, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        SyncDirectory(directory);
    }

    public static Task WriteAsync(string path, string content, CancellationToken cancellationToken) =>
        WriteAsync(path, Encoding.UTF8.GetBytes(content), cancellationToken);

    /// <summary>Deletes a file and makes the deletion durable (a resurrected batch would only be sent twice, but a
    /// resurrected acknowledged-state file would not be: keep both kinds of change on disk in the order made).</summary>
    public static void Delete(string path)
    {
        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Moves a file aside (kept for a human to look at) and makes the move durable.</summary>
    public static void MoveAside(string path, string folder)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"{Path.GetFileName(path)}.{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}");
        File.Move(path, target, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        SyncDirectory(folder);
    }

    public static unsafe void SyncDirectory(string directory)
    {
        var bytes = Encoding.UTF8.GetBytes(directory + "\0");
        fixed (byte* p = bytes)
        {
            var fd = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
            if (fd < 0)
            {
                throw new IOException($"open {directory} failed: errno {LibC.errno}");
            }

            try
            {
                if (LibC.fsync(fd) != 0)
                {
                    throw new IOException($"fsync {directory} failed: errno {LibC.errno}");
                }
            }
            finally
            {
                _ = LibC.close(fd);
            }
        }
    }
}
