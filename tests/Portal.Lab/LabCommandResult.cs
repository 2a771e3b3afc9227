namespace Portal.Lab;

/// <summary>What an external program answered: its exit code and both output streams, as text.</summary>
public sealed record LabCommandResult(string Program, IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public string CommandLine => string.Join(' ', [Program, .. Arguments]);
}
