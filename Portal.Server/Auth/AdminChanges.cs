namespace Portal.Server.Auth;

/// <summary>
/// Serializes every change that can take the admin role away (demotion, deletion). "Is this the last admin?" and
/// the change must be one step: two concurrent requests demoting the only two admins would otherwise both see
/// another admin left and both succeed. One server owns the SQLite file, so an in-process lock is enough.
/// </summary>
public sealed class AdminChanges
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await change();
        }
        finally
        {
            _gate.Release();
        }
    }
}
