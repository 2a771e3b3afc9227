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
    public void Apply_TooManyVariables_FirstOnesKept()
    {
        var env = Enumerable.Range(0, ObservationLimits.EnvVariables + 20).Select(i => $"V{i}=x").ToList();

        var (kept, truncated) = EnvironmentCap.Apply(env);

        Assert.Equal(env.Take(ObservationLimits.EnvVariables), kept);
        Assert.True(truncated);
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
