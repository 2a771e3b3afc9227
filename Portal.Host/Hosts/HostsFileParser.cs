using System.Text;
using Portal.Contracts.Model;
using Portal.Core.Observation;

namespace Portal.Host.Hosts;

/// <summary>
/// Parses /etc/hosts text into entries, in file order, as the resolver would read it; at most
/// <see cref="ObservationLimits.HostsEntries"/> entries (the rest is reported as cut).
/// </summary>
public static class HostsFileParser
{
    public static IReadOnlyList<HostsEntry> Parse(string text) => Parse(text, ObservationLimits.HostsEntries).Entries;

    public static (IReadOnlyList<HostsEntry> Entries, bool Truncated) Parse(string text, int maxEntries)
    {
        var entries = new List<HostsEntry>();
        foreach (var rawLine in text.Split('\n'))
        {
            // A '#' starts a comment anywhere on the line (glibc and musl agree).
            var line = rawLine;
            var hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var fields = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }

            if (entries.Count == maxEntries)
            {
                return (entries, true);
            }

            entries.Add(new HostsEntry(fields[0], fields[1..]));
        }

        return (entries, false);
    }

    /// <summary>
    /// The entries of the first <see cref="ObservationLimits.HostsFileBytes"/> bytes of a hosts file; when the file is
    /// longer, the line the limit cut is dropped and the result marked truncated.
    /// </summary>
    public static (IReadOnlyList<HostsEntry> Entries, bool Truncated) Parse(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (truncated)
        {
            var end = bytes.LastIndexOf((byte)'\n');
            bytes = end < 0 ? [] : bytes[..end];
        }

        var (entries, cut) = Parse(Encoding.UTF8.GetString(bytes), ObservationLimits.HostsEntries);
        return (entries, truncated || cut);
    }
}
