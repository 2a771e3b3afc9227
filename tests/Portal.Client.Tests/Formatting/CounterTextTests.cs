using Portal.Client.Formatting;

namespace Portal.Client.Tests.Formatting;

public sealed class CounterTextTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1000, "1.0k")]
    [InlineData(1234, "1.2k")]
    [InlineData(34_567, "35k")]
    [InlineData(999_999, "1.0M")]
    [InlineData(3_400_000, "3.4M")]
    [InlineData(long.MaxValue, "9.2E")]
    public void Packets_InThousandsAndMillions(long packets, string shown) => Assert.Equal(shown, CounterText.Packets(packets));

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KiB")]
    [InlineData(3_565_158, "3.4 MiB")]
    [InlineData(536_870_912, "512 MiB")]
    [InlineData(1_048_575, "1.0 MiB")]
    public void Bytes_InBinaryUnits(long bytes, string shown) => Assert.Equal(shown, CounterText.Bytes(bytes));
}
