using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;
using Portal.Lab;
using Portal.Lab.Stack;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Agent;

/// <summary>
/// The agent and a server whose certificate a private CA issued (made here with CertificateRequest), on the lab bridge
/// over HTTPS: without <c>--ca-file</c> the agent does not connect; with it, it connects over WebSockets (the
/// certificate check covers that transport too) and sends its snapshot, its token only in the Authorization header.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class AgentTlsLabTests
{
    [Fact]
    public async Task Run_HttpsWithPrivateCa_RefusedWithoutCaFileConnectsWithIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = TheLab.Docker1;
        var folder = Directory.CreateTempSubdirectory("agent-tls-").FullName;
        try
        {
            var (authority, serverCertificate) = IssueCertificates();
            var caFile = Path.Combine(folder, "ca.pem");
            await File.WriteAllTextAsync(caFile, authority.ExportCertificatePem(), ct);
            var tokenFile = Path.Combine(folder, "token");
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await File.WriteAllTextAsync(tokenFile, token, ct);
            var recording = new AgentRecording(token);
            await using var server = await StartHttpsHubAsync(recording, serverCertificate, ct);
            var url = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Assert.StartsWith("https://", url);

            await using (var untrusting = StartAgent(host, url, tokenFile, folder))
            {
                await Task.Delay(TimeSpan.FromSeconds(8), ct);
                Assert.Null(recording.ConnectionId);
                Assert.False(untrusting.HasExited, untrusting.Output);
                Assert.Contains("SSL", untrusting.Output);
            }

            await using var trusting = StartAgent(host, url, tokenFile, folder, "--ca-file", caFile);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                var snapshot = await recording.Messages.Reader.ReadAsync(timeout.Token);
                Assert.Equal("docker1", Assert.IsType<HostSnapshot>(snapshot).Host);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Assert.Fail("no snapshot over HTTPS; the agent said:\n" + trusting.Output);
            }

            Assert.Equal((HttpTransportType.WebSockets, false, 0), (recording.Transport, recording.QueryHadToken, recording.Refused));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A CA and a server certificate it signed for the lab bridge's address.</summary>
    private static (X509Certificate2 Authority, X509Certificate2 Server) IssueCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Portal Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var authority = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest($"CN={TheLab.PortalAddress}", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse(TheLab.PortalAddress));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var issued = request.Create(authority, now.AddHours(-1), now.AddHours(12), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        // Kestrel wants a key it can use from any thread: load it back from PKCS#12.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
        return (authority, server);
    }

    private static async Task<WebApplication> StartHttpsHubAsync(AgentRecording recording, X509Certificate2 certificate, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(TheLab.PortalAddress), 0, l => l.UseHttps(certificate)));
        builder.Services.AddSingleton(recording);
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions = new JsonSerializerOptions(PortalJson.Options));
        var app = builder.Build();
        app.MapHub<RecordingAgentHub>(AgentHubMethods.Path);
        await app.StartAsync(ct);
        return app;
    }

    private static RunningProcess StartAgent(LabHost host, string url, string tokenFile, string folder, params string[] extra) =>
        RunningProcess.Start(
            $"agent {host.Name}",
            "nsenter",
            [$"--net={host.Namespace}", .. PortalBinaries.Agent, "run", "--server", url, "--token-file", tokenFile,
             "--docker", host.DockerEndpoint, .. extra],
            new Dictionary<string, string> { ["PORTAL_AGENT_STATE"] = Path.Combine(folder, "state") });
}
