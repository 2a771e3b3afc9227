namespace Portal.Host.Commands;

/// <summary>What a command did, in order, and what a rollback undid: the operator reads this in the result.</summary>
public sealed class CommandSteps
{
    private readonly List<string> _steps = [];

    public IReadOnlyList<string> All => _steps;

    public void Done(string step) => _steps.Add(step);

    public void Undone(string step) => _steps.Add($"rolled back: {step}");

    public void Failed(string step) => _steps.Add($"failed: {step}");
}
