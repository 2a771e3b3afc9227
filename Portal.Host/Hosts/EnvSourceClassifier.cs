using Portal.Contracts.Model;

namespace Portal.Host.Hosts;

/// <summary>
/// Decides where each variable of a container's environment came from: a legacy link (a name Docker computes
/// for one of the container's links), the image (same name and value in the image's Config.Env), or the user.
/// </summary>
public static class EnvSourceClassifier
{
    /// <param name="environment">The container's environment as NAME=value strings, in order.</param>
    /// <param name="imageEnv">The image's Config.Env as NAME=value strings.</param>
    /// <param name="linkVariableNames">Names the container's links produce (computed from the link semantics).</param>
    public static IReadOnlyList<EnvVariable> Classify(
        IEnumerable<string> environment,
        IEnumerable<string> imageEnv,
        IReadOnlySet<string> linkVariableNames)
    {
        // Link values depend on the child's address at the parent's start, so a link variable is recognised by
        // its name alone: a child that moved since still produced the variable, only with an older value.
        var image = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in imageEnv)
        {
            var (name, value) = Split(pair);
            image[name] = value;
        }

        var result = new List<EnvVariable>();
        foreach (var pair in environment)
        {
            var (name, value) = Split(pair);
            if (name.Length == 0)
            {
                continue;
            }

            var source = linkVariableNames.Contains(name) ? EnvSource.Link
                : image.TryGetValue(name, out var imageValue) && imageValue == value ? EnvSource.Image
                : EnvSource.User;
            result.Add(new EnvVariable(name, value, source));
        }

        return result;
    }

    public static (string Name, string Value) Split(string pair)
    {
        var equals = pair.IndexOf('=');
        return equals < 0 ? (pair, string.Empty) : (pair[..equals], pair[(equals + 1)..]);
    }
}
