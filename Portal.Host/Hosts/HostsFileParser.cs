using Portal.Core.Model;

namespace Portal.Host.Hosts;

/// <summary>Parses /etc/hosts text into entries, in file order, as the resolver would read it.</summary>
public static class HostsFileParser
{
    public static IReadOnlyList<HostsEntry> Parse(string text)
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

            entries.Add(new HostsEntry(fields[0], fields[1..]));
        }

        return entries;
    }
}
