using System.Text.Json;
using Portal.Host.Netlink;
using Portal.Lab;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Netlink;

/// <summary>Reads links over netlink inside a lab host's namespace and compares with `ip -j link` there.</summary>
[Collection(LabCollection.Name)]
public sealed class LinkReaderTests
{
    [Fact]
    public async Task Links_LabNamespace_SameInterfacesIndexesMastersAsIp()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = TheLab.Docker1;
        for (var attempt = 0; ; attempt++)
        {
            var before = await host.InNamespaceAsync("ip", ["-j", "link", "show"], ct);
            var links = await LinkReader.LinksInAsync(host.Namespace, ct);
            var after = await host.InNamespaceAsync("ip", ["-j", "link", "show"], ct);
            if (before != after && attempt < 5)
            {
                // Someone else's container came or went meanwhile: read again.
                continue;
            }

            using var ip = JsonDocument.Parse(after);
            var expected = ip.RootElement.EnumerateArray()
                .Select(l => (Index: l.GetProperty("ifindex").GetInt32(), Name: l.GetProperty("ifname").GetString()!,
                    Master: l.TryGetProperty("master", out var m) ? m.GetString() : null))
                .OrderBy(l => l.Index)
                .ToList();
            var byIndex = links.ToDictionary(l => l.Index);
            var actual = links
                .Select(l => (l.Index, l.Name, Master: l.Master is { } mi && byIndex.TryGetValue(mi, out var master) ? master.Name : null))
                .OrderBy(l => l.Index)
                .ToList();
            Assert.Equal(expected, actual);
            Assert.Equal("bridge", links.Single(l => l.Name == "docker0").Kind);
            return;
        }
    }
}
