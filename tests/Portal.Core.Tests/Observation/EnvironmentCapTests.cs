using Portal.Core.Observation;

namespace Portal.Core.Tests.Observation;

public sealed class EnvironmentCapTests
{
    [Fact]
    public void Apply_WithinLimits_AllKeptNotTruncated()
    {
        var (kept, truncated) = EnvironmentCap.Apply(["A=1", "B=2"]);

        Assert.Equal(["A=1", "B=2"], kept);
        Assert.False(truncated);
    }

    [Fact]
    public void Apply_TooManyVariables_FirstByNameKept_InTheirOriginalOrder()
    {
        // dockerd hands a process its -e variables in no particular order: the cut must not depend on it.
        var env = Enumerable.Range(0, ObservationLimits.EnvVariables + 20).Select(i => $"FILLER_{i:000}=x").Reverse().ToList();
        env.Insert(300, "DB_PASSWORD=secret");

        var (kept, truncated) = EnvironmentCap.Apply(env);

        Assert.True(truncated);
        Assert.Equal(ObservationLimits.EnvVariables, kept.Count);
        var expected = env.Where(e => string.CompareOrdinal(e, "FILLER_499") < 0).ToList();
        Assert.Equal(expected, kept);
        Assert.Contains("DB_PASSWORD=secret", kept);
    }

    [Fact]
    public void Apply_LongValue_CutToTheValueLimit()
    {
        var (kept, truncated) = EnvironmentCap.Apply(["BIG=" + new string('x', ObservationLimits.EnvValueChars + 5), "NEXT=1"]);

        Assert.Equal("BIG=" + new string('x', ObservationLimits.EnvValueChars), kept[0]);
        Assert.Equal("NEXT=1", kept[1]);
        Assert.True(truncated);
    }

    [Fact]
    public void Apply_TotalOverTheLimit_StopsBeforeTheVariableThatWouldPassIt()
    {
        var value = new string('y', ObservationLimits.EnvValueChars);
        var env = Enumerable.Range(0, 40).Select(i => $"V{i:00}={value}").ToList();

        var (kept, truncated) = EnvironmentCap.Apply(env);

        Assert.True(truncated);
        Assert.True(kept.Sum(k => k.Length) <= ObservationLimits.EnvTotalChars);
        Assert.Equal(ObservationLimits.EnvTotalChars / (value.Length + 4), kept.Count);
    }
}
