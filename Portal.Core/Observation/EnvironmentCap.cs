namespace Portal.Core.Observation;

/// <summary>
/// Cuts a container's environment (NAME=value strings) to the limits of <see cref="ObservationLimits"/>: at most so
/// many variables, each value at most so long, all of them together at most so much. Says whether it cut.
/// When variables must go, the ones kept are the first by name (ordinal), not the first in the process's order:
/// dockerd does not keep the order of <c>-e</c> options, so "the first in order" would be an arbitrary subset, and
/// the same container would show another subset after a recreate. Kept variables stay in their original order.
/// </summary>
public static class EnvironmentCap
{
    public static (IReadOnlyList<string> Kept, bool Truncated) Apply(IEnumerable<string> environment) =>
        Apply(environment, ObservationLimits.EnvVariables, ObservationLimits.EnvValueChars, ObservationLimits.EnvTotalChars);

    public static (IReadOnlyList<string> Kept, bool Truncated) Apply(IEnumerable<string> environment, int maxVariables, int maxValueChars, int maxTotalChars)
    {
        var entries = environment.Select((pair, position) => (Entry: CutValue(pair, maxValueChars), Position: position)).ToList();
        var truncated = entries.Any(e => e.Entry.Cut);
        var byName = entries.OrderBy(e => NameOf(e.Entry.Text), StringComparer.Ordinal).ThenBy(e => e.Position);
        var chosen = new List<(string Text, int Position)>();
        var total = 0;
        foreach (var (entry, position) in byName)
        {
            if (chosen.Count == maxVariables || total + entry.Text.Length > maxTotalChars)
            {
                truncated = true;
                break;
            }

            total += entry.Text.Length;
            chosen.Add((entry.Text, position));
        }

        return ([.. chosen.OrderBy(c => c.Position).Select(c => c.Text)], truncated);
    }

    private static (string Text, bool Cut) CutValue(string pair, int maxValueChars)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        var valueLength = equals < 0 ? 0 : pair.Length - equals - 1;
        return valueLength > maxValueChars ? (pair[..(equals + 1 + maxValueChars)], true) : (pair, false);
    }

    private static string NameOf(string pair) => pair.IndexOf('=', StringComparison.Ordinal) is var equals and >= 0 ? pair[..equals] : pair;
}
