namespace Portal.Lab;

/// <summary>
/// Makes sure the lab is up before the first test that needs it; use it as an assembly fixture
/// (<c>[assembly: AssemblyFixture(typeof(LabFixture))]</c>) or a class fixture. It never tears the lab
/// down: other test assemblies and helpers share it, and scripts/test.sh runs `lab/lab.sh down` at the end.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    public LabHost Docker1 => Lab.Docker1;

    public LabHost Docker2 => Lab.Docker2;

    public async ValueTask InitializeAsync() => await Lab.EnsureUpAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
