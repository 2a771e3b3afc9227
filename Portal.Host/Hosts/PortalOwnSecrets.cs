using Portal.Contracts.Model;

namespace Portal.Host.Hosts;

/// <summary>
/// The portal's own secrets, which the agent never sends, to anyone: an agent's token (<c>PORTAL_AGENT_TOKEN</c>), the
/// server's bootstrap password (<c>Portal__Bootstrap__AdminPassword</c>, in any of the spellings ASP.NET Core reads) and
/// any value equal to this agent's own token. Such a variable stays in the snapshot with an empty value and
/// <c>masked: true</c>, so the page shows that it exists; its link-derived copies (<c>ALIAS_ENV_NAME</c>) too.
/// </summary>
public static class PortalOwnSecrets
{
    public const string AgentTokenVariable = "PORTAL_AGENT_TOKEN";

    private const string BootstrapPasswordKey = "Portal:Bootstrap:AdminPassword";

    private static readonly object Gate = new();
    private static string[] _values = FromEnvironment();

    /// <summary>Values withheld wherever they appear (this agent's token once it is known).</summary>
    public static IReadOnlyList<string> Values => _values;

    /// <summary>Adds a value to withhold (the token read from a file or the command line).</summary>
    public static void Remember(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (Gate)
        {
            if (!_values.Contains(value, StringComparer.Ordinal))
            {
                _values = [.. _values, value];
            }
        }
    }

    public static bool IsOwnSecretName(string name)
    {
        var marker = name.IndexOf("_ENV_", StringComparison.Ordinal);
        return IsOwnName(name) || (marker > 0 && IsOwnName(name[(marker + 5)..]));
    }

    /// <summary>The environment with the portal's own secrets emptied and masked; everything else as it was.</summary>
    public static IReadOnlyList<EnvVariable> Withhold(IReadOnlyList<EnvVariable> environment, IReadOnlyList<string> values)
    {
        List<EnvVariable>? result = null;
        for (var i = 0; i < environment.Count; i++)
        {
            var variable = environment[i];
            if (IsOwnSecretName(variable.Name) || (variable.Value.Length > 0 && values.Contains(variable.Value, StringComparer.Ordinal)))
            {
                result ??= [.. environment];
                result[i] = variable with { Value = string.Empty, Masked = true };
            }
        }

        return result ?? environment;
    }

    // ASP.NET Core's environment provider reads "__" as ":" and keys case-insensitively.
    private static bool IsOwnName(string name) =>
        string.Equals(name, AgentTokenVariable, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name.Replace("__", ":", StringComparison.Ordinal), BootstrapPasswordKey, StringComparison.OrdinalIgnoreCase);

    private static string[] FromEnvironment() =>
        Environment.GetEnvironmentVariable(AgentTokenVariable) is { Length: > 0 } token ? [token] : [];
}
