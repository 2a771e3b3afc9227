using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Host.Iptables;

namespace Portal.Host.Tests.Iptables;

public sealed class TransientRulesTests
{
    private const string Rule = "-A aud-t -s 10.9.9.9/32 -j ACCEPT";

    [Fact]
    public void Find_AddedThenDeletedBetweenReads_IsOneTransientAddedFirst()
    {
        var batch = Batch(Event("A", "-A aud-t -s 10.9.9.9/32 -j ACCEPT"), Event("D", "-D aud-t -s 10.9.9.9/32 -j ACCEPT"));

        var found = TransientRules.Find([batch], []);

        Assert.Equal([new TransientRules.Transient("filter", "aud-t", Rule, AddedFirst: true)], found);
    }

    [Fact]
    public void Find_DeletedThenPutBack_IsOneTransientRemovedFirst()
    {
        var found = TransientRules.Find([Batch(Event("D", "-D aud-t -s 10.9.9.9/32 -j ACCEPT")), Batch(Event("I", "-I aud-t 1 -s 10.9.9.9/32 -j ACCEPT"))], []);

        Assert.Equal([new TransientRules.Transient("filter", "aud-t", Rule, AddedFirst: false)], found);
    }

    [Fact]
    public void Find_ChangeTheDiffShows_IsNotTransient()
    {
        var diff = new[] { new RuleDiff("filter", "aud-t", ChangeKind.Added, Rule, 1) };

        Assert.Empty(TransientRules.Find([Batch(Event("A", Rule))], diff));
    }

    [Fact]
    public void Find_TwoAddsOneDeleteAndOneAddShown_IsOneTransient()
    {
        var diff = new[] { new RuleDiff("filter", "aud-t", ChangeKind.Added, Rule, 1) };

        var found = TransientRules.Find([Batch(Event("A", Rule), Event("A", Rule), Event("D", "-D aud-t -s 10.9.9.9/32 -j ACCEPT"))], diff);

        Assert.Single(found);
    }

    [Theory]
    [InlineData("-I DOCKER-USER 1 -j PORTAL-ICC", "DOCKER-USER", "-A DOCKER-USER -j PORTAL-ICC")]
    [InlineData("-I DOCKER-USER -j PORTAL-ICC", "DOCKER-USER", "-A DOCKER-USER -j PORTAL-ICC")]
    [InlineData("-D FORWARD -i docker0 -o docker0 -j DROP", "FORWARD", "-A FORWARD -i docker0 -o docker0 -j DROP")]
    [InlineData("-N FOO", "FOO", null)]
    public void Canonical_PrintsTheRuleAsIptablesSave(string eventText, string chain, string? expected) =>
        Assert.Equal(expected, TransientRules.Canonical(eventText, chain));

    private static XtablesBatch Batch(params XtablesRuleEvent[] events) => new(1, 42, "iptables", events);

    private static XtablesRuleEvent Event(string command, string text) => new("EVENT: -4 -t filter " + text, "4", "filter", command, "aud-t", text);
}
