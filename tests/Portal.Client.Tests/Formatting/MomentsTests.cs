using Portal.Client.Formatting;

namespace Portal.Client.Tests.Formatting;

public sealed class MomentsTests
{
    [Fact]
    public void Parse_DateTimeLocalValue_ReadAsUtc()
    {
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 10, 5, 0, TimeSpan.Zero), Moments.Parse("2025-03-04T10:05"));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 10, 5, 7, TimeSpan.Zero), Moments.Parse("2025-03-04T10:05:07"));
        Assert.Null(Moments.Parse(""));
        Assert.Null(Moments.Parse("yesterday"));
    }

    [Fact]
    public void Format_RoundTripsThroughParse()
    {
        var at = new DateTimeOffset(2025, 3, 4, 12, 5, 7, TimeSpan.FromHours(2));

        Assert.Equal("2025-03-04T10:05:07", Moments.Format(at));
        Assert.Equal(at, Moments.Parse(Moments.Format(at)));
    }
}
