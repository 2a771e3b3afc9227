using System.Text;
using Portal.Core.Observation;

namespace Portal.Host.Hosts;

/// <summary>
/// Reads a process's environment as it was at exec time (/proc/PID/environ): for a container's PID 1 this is
/// the real environment, link variables included, which Docker stores nowhere else. At most
/// <see cref="ObservationLimits.EnvironBytes"/> are read; a variable cut by that limit is dropped and the cut reported.
/// </summary>
public static class ProcessEnvironment
{
    public static async Task<(IReadOnlyList<string> Variables, bool Truncated)?> TryReadAsync(long pid, CancellationToken cancellationToken)
    {
        if (pid <= 0)
        {
            return null;
        }

        try
        {
            var (bytes, truncated) = await BoundedFile.ReadAsync($"/proc/{pid}/environ", ObservationLimits.EnvironBytes, cancellationToken);
            return Parse(bytes, truncated);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited between inspect and read, or we lack the privilege: the caller falls back to Config.Env.
            return null;
        }
    }

    public static (IReadOnlyList<string> Variables, bool Truncated) Parse(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (truncated)
        {
            // The last entry was cut by the limit: keep whole variables only.
            var end = bytes.LastIndexOf((byte)0);
            bytes = end < 0 ? [] : bytes[..end];
        }

        return (Encoding.UTF8.GetString(bytes).Split('\0', StringSplitOptions.RemoveEmptyEntries), truncated);
    }
}
