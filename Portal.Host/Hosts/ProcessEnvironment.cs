namespace Portal.Host.Hosts;

/// <summary>
/// Reads a process's environment as it was at exec time (/proc/PID/environ): for a container's PID 1 this is
/// the real environment, link variables included, which Docker stores nowhere else.
/// </summary>
public static class ProcessEnvironment
{
    public static async Task<IReadOnlyList<string>?> TryReadAsync(long pid, CancellationToken cancellationToken)
    {
        if (pid <= 0)
        {
            return null;
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync($"/proc/{pid}/environ", cancellationToken);
            return System.Text.Encoding.UTF8.GetString(bytes)
                .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited between inspect and read, or we lack the privilege: the caller falls back to Config.Env.
            return null;
        }
    }
}
