using Docker.DotNet;

namespace Portal.Host.Commands;

/// <summary>
/// What a command did, in order, and what a rollback undid: the operator reads this in the result. A step that must not
/// outlive a failed run registers its undo here (<see cref="Undoable"/>); <see cref="UndoAsync"/> runs them newest first.
/// </summary>
public sealed class CommandSteps
{
    private readonly List<string> _steps = [];
    private readonly Stack<(string Step, Func<Task> Undo)> _undo = new();

    public IReadOnlyList<string> All => _steps;

    /// <summary>True once a step registered an undo: a failure from here on is rolled back.</summary>
    public bool CanUndo => _undo.Count > 0;

    public void Done(string step) => _steps.Add(step);

    public void Undone(string step) => _steps.Add($"rolled back: {step}");

    public void Failed(string step) => _steps.Add($"failed: {step}");

    /// <summary>
    /// Registers how to put back what a step just did; <paramref name="undoStep"/> is how the result names the undo.
    /// The undo runs without the command's token (a half-done rollback is the worst outcome), so it takes none.
    /// </summary>
    public void Undoable(string undoStep, Func<Task> undo) => _undo.Push((undoStep, undo));

    /// <summary>Runs every registered undo, newest first; one that fails is recorded and the others still run.</summary>
    public async Task UndoAsync(Action<string, Exception> failed)
    {
        while (_undo.TryPop(out var entry))
        {
            try
            {
                await entry.Undo();
                Undone(entry.Step);
            }
            catch (Exception e)
            {
                failed(entry.Step, e);
                Failed($"rollback step '{entry.Step}': {(e is DockerApiException docker ? DockerRefusals.Message(docker) : e.Message)}");
            }
        }
    }
}
