namespace Portal.Lab;

/// <summary>An external program failed; the message carries its command line and standard error, so a
/// failing test says what Docker or iptables refused.</summary>
public sealed class LabCommandException(LabCommandResult result)
    : Exception($"`{result.CommandLine}` exited with {result.ExitCode}: {result.StandardError.Trim()}")
{
    public LabCommandResult Result { get; } = result;
}
