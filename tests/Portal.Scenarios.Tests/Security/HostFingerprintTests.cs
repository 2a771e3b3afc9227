namespace Portal.Scenarios.Tests.Security;

using Lab = Portal.Lab.Lab;

/// <summary>The fuzz's "host unchanged" check can fail: a change made between two fingerprints shows in both parts it touches.</summary>
[Collection(nameof(ApiFuzzRunsAlone))]
public sealed class HostFingerprintTests
{
    [Fact]
    public async Task Fingerprint_NetworkCreatedInBetween_ShowsInIptablesAndNetworkInspect()
    {
        var ct = TestContext.Current.CancellationToken;
        await Lab.EnsureUpAsync(ct);
        var host = Lab.Docker2;
        var network = Lab.UniqueName("fzfp-");
        var before = await HostFingerprint.TakeAsync([host], ct);
        try
        {
            await host.DockerAsync(["network", "create", network], ct);
            var differences = before.DifferencesTo(await HostFingerprint.TakeAsync([host], ct));
            Assert.Contains(differences, d => d.StartsWith($"{host.Name} docker network inspect", StringComparison.Ordinal) && d.Contains(network, StringComparison.Ordinal));
            Assert.Contains(differences, d => d.StartsWith($"{host.Name} iptables-save", StringComparison.Ordinal));
        }
        finally
        {
            await host.RemoveByPrefixAsync(network, ct);
        }
    }
}
