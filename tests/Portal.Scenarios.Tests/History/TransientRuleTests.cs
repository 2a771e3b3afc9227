namespace Portal.Scenarios.Tests.History;

using Lab = Portal.Lab.Lab;

/// <summary>A rule that exists for no time at all still happened: the history must say so, in order.</summary>
public sealed class TransientRuleTests(ScenarioStack fixture)
{
    private AuditApiClient Audit => new(fixture.Stack.Admin);

    [Fact]
    public async Task RuleAddedAndDeletedInOneTransaction_IsRecordedAddedThenRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await ManualChain.CreateAsync(Lab.Docker1, ct);
        var rule = $"-A {chain.Name} -s 10.98.0.1/32 -j ACCEPT";

        // One iptables-restore transaction that appends and deletes the rule: no read can ever see it.
        var input = $"*filter\n{rule}\n-D {chain.Name} -s 10.98.0.1/32 -j ACCEPT\nCOMMIT\n";
        var result = await Portal.Lab.LabCommand.RunWithInputAsync(
            "nsenter", [$"--net={Lab.Docker1.Namespace}", "iptables-restore", "-w", "--noflush"], input, ct);
        Assert.True(result.Succeeded, result.StandardError);

        var rows = await Audit.WaitRowsAsync(
            $"host=docker1&chain={chain.Name}&limit=20",
            r => r.Count(x => x.Rule == rule) >= 2,
            TimeSpan.FromSeconds(10),
            "the transient rule's two rows",
            ct);

        var mine = rows.Where(r => r.Rule == rule).OrderBy(r => r.Id).ToList();
        Assert.Equal(["added", "removed"], mine.Select(r => r.Change));
        Assert.All(mine, r => Assert.Equal(("external", "iptables-restor"), (r.CauseKind, r.Process)));
        Assert.DoesNotContain(rule, await Lab.Docker1.IptablesSaveAsync("filter", ct));
    }
}
