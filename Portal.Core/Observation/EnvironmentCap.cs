namespace Portal.Core.Observation;

/// <summary>
/// Cuts a container's environment (NAME=value strings, in order) to the limits of <see cref="ObservationLimits"/>:
/// at most so many variables, each value at most so long, all of them together at most so much. Says whether it cut.
/// </summary>
public static class EnvironmentCap
{
    public static (IReadOnlyList<string> Kept, bool Truncated) Apply(IEnumerable<string> environment) =>
        Apply(environment, ObservationLimits.EnvVariables, ObservationLimits.EnvValueChars, ObservationLimits.EnvTotalChars);

    public static (IReadOnlyList<string> Kept, bool Truncated) Apply(IEnumerable<string> environment, int maxVariables, int maxValueChars, int maxTotalChars)
    {
        var kept = new List<string>();
        var total = 0;
        var truncated = false;
        foreach (var pair in environment)
        {
            if (kept.Count == maxVariables)
            {
                return (kept, true);
            }

            var entry = pair;
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var valueLength = equals < 0 ? 0 : entry.Length - equals - 1;
            if (valueLength > maxValueChars)
            {
                entry = entry[..(equals + 1 + maxValueChars)];
                truncated = true;
            }

            if (total + entry.Length > maxTotalChars)
            {
                return (kept, true);
            }

            total += entry.Length;
            kept.Add(entry);
        }

        return (kept, truncated);
    }
}
