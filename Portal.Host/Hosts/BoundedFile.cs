namespace Portal.Host.Hosts;

/// <summary>
/// Reads at most a given number of bytes from the start of a file a container controls (its /etc/hosts, its PID 1's
/// environ), so no container can make the agent read, hold or send more. Says whether the file went on.
/// </summary>
public static class BoundedFile
{
    public static async Task<(byte[] Bytes, bool Truncated)> ReadAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        // /proc files report a length of 0: read until the limit or the end, one byte past the limit to see if there is more.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, useAsync: true);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read > maxBytes ? (buffer[..maxBytes], true) : (buffer[..read], false);
    }
}
