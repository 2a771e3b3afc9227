using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>
/// How an environment value reads on the page. The server decides what is secret and masks it before anything leaves
/// it (<see cref="EnvVariable.Masked"/>); the page never holds a masked value unless an operator revealed it.
/// </summary>
public static class SecretNames
{
    public const string Mask = "••••••••";

    /// <summary>The value to show: the revealed one if any, the mask for a masked variable, else the value.</summary>
    public static string Show(EnvVariable variable, string? revealed) =>
        !variable.Masked ? variable.Value : revealed ?? Mask;
}
