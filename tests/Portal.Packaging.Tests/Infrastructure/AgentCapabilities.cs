namespace Portal.Packaging.Tests.Infrastructure;

/// <summary>The capabilities the agent container gets on top of --cap-drop ALL (why each: README.md, Packaging).</summary>
public static class AgentCapabilities
{
    public static readonly string[] Names = ["NET_ADMIN", "SYS_ADMIN", "SYS_PTRACE", "DAC_READ_SEARCH"];

    public static IEnumerable<string> DockerRunArguments => Names.SelectMany(name => new[] { "--cap-add", name });
}
