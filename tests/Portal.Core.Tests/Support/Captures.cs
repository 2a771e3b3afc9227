namespace Portal.Core.Tests.Support;

/// <summary>
/// Files captured in the lab: Samples/ (this area's own, prefixed core-) and Fixtures/ (the lab helper's captures).
/// </summary>
internal static class Captures
{
    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static string[] FixtureLines(string name) => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    public static string[] Lines(string name) => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    /// <summary>Every captured iptables-save output in Samples/ and Fixtures/ (any file that holds a *table line).</summary>
    public static IEnumerable<string> IptablesSaveFiles()
    {
        foreach (var folder in new[] { "Samples", "Fixtures" })
        {
            var path = Path.Combine(AppContext.BaseDirectory, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(file);
                if (text.StartsWith('*') || text.Contains("\n*filter\n", StringComparison.Ordinal) || text.Contains("\n*nat\n", StringComparison.Ordinal))
                {
                    yield return file;
                }
            }
        }
    }
}
