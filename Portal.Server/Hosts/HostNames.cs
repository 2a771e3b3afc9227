using System.Text.RegularExpressions;

namespace Portal.Server.Hosts;

/// <summary>Host names are DNS labels: they end up in URLs, group names and the agent's command line.</summary>
public static partial class HostNames
{
    public static bool IsValid(string? name) => name is not null && Label().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex Label();
}
