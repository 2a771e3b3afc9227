using Portal.Contracts.Model;

namespace Portal.Core.Secrets;

/// <summary>
/// Masks a container's secret variables: value replaced by <see cref="SecretMask.Value"/>, <c>masked: true</c>. A
/// variable the agent already marked masked (a portal secret it never sends) stays masked and yields no value.
/// </summary>
public static class SecretMasker
{
    public static MaskedContainer Mask(Container container, SecretClassifier classifier)
    {
        Dictionary<string, string>? secrets = null;
        List<EnvVariable>? env = null;
        for (var i = 0; i < container.Env.Count; i++)
        {
            var variable = container.Env[i];
            var withheld = variable.Masked;
            if (withheld ? variable.Value == SecretMask.Value : !classifier.IsSecret(variable.Name, variable.Value))
            {
                // Not secret, or masked already (a state read back from SQLite).
                continue;
            }

            env ??= [.. container.Env];
            env[i] = variable with { Value = SecretMask.Value, Masked = true };
            if (!withheld)
            {
                secrets ??= new Dictionary<string, string>(StringComparer.Ordinal);
                secrets[variable.Name] = variable.Value;
            }
        }

        return new MaskedContainer(
            env is null ? container : container with { Env = env },
            secrets ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
