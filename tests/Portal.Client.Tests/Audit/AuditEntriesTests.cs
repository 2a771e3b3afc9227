using Portal.Client.Audit;
using static Portal.Client.Tests.Fakes.AuditRows;

namespace Portal.Client.Tests.Audit;

public sealed class AuditEntriesTests
{
    [Fact]
    public void Merge_LiveRowsAndRepeats_NewestFirstEachOnce()
    {
        var held = new[] { Row(2, 1, DockerStartWeb), Row(1, 0, DockerStartWeb) };

        var merged = AuditEntries.Merge(held, [Row(3, 2, Portal12), Row(2, 1, DockerStartWeb)]);

        Assert.Equal([3L, 2L, 1L], merged.Select(e => e.Id));
    }
}
