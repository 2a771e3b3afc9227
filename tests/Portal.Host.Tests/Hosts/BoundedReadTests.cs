using System.Text;
using Portal.Core.Observation;
using Portal.Host.Hosts;

namespace Portal.Host.Tests.Hosts;

public sealed class BoundedReadTests
{
    [Fact]
    public async Task HostsFile_50MB_ReadsOnlyTheLimitAndMarksTheCut()
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = File.OpenWrite(path))
            {
                await file.WriteAsync("127.0.0.1\tlocalhost\n172.17.0.2\tweb\n"u8.ToArray(), TestContext.Current.CancellationToken);
                var junk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("10.9.9.9 junk-name\n", 1024 * 1024 / 19)));
                for (var i = 0; i < 50; i++)
                {
                    await file.WriteAsync(junk, TestContext.Current.CancellationToken);
                }
            }

            var (bytes, truncated) = await BoundedFile.ReadAsync(path, ObservationLimits.HostsFileBytes, TestContext.Current.CancellationToken);
            var (entries, cut) = HostsFileParser.Parse(bytes, truncated);

            Assert.Equal(ObservationLimits.HostsFileBytes, bytes.Length);
            Assert.True(cut);
            Assert.Equal(ObservationLimits.HostsEntries, entries.Count);
            Assert.Equal(["localhost"], entries[0].Names);
            Assert.Equal("172.17.0.2", entries[1].Address);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HostsFile_CutMidLine_PartialLineDropped()
    {
        var (entries, truncated) = HostsFileParser.Parse("10.0.0.1 a\n10.0.0.2 b"u8, truncated: true);

        Assert.True(truncated);
        Assert.Equal("10.0.0.1", Assert.Single(entries).Address);
    }

    [Fact]
    public void HostsFile_Small_NotTruncated()
    {
        var (entries, truncated) = HostsFileParser.Parse("10.0.0.1 a\n10.0.0.2 b\n"u8, truncated: false);

        Assert.False(truncated);
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public void Environ_CutMidVariable_PartialVariableDropped()
    {
        var (variables, truncated) = ProcessEnvironment.Parse("A=1\0B=2\0C=partial"u8, truncated: true);

        Assert.True(truncated);
        Assert.Equal(["A=1", "B=2"], variables);
    }

    [Fact]
    public async Task Environ_OwnProcess_ReadWhole()
    {
        var read = await ProcessEnvironment.TryReadAsync(Environment.ProcessId, TestContext.Current.CancellationToken);

        Assert.NotNull(read);
        Assert.False(read.Value.Truncated);
        Assert.Contains(read.Value.Variables, v => v.StartsWith("PATH=", StringComparison.Ordinal));
    }
}
