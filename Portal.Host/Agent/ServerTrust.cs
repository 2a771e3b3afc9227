using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Host.Agent;

/// <summary>
/// Which server certificates the agent accepts: those the system's CA store trusts, and, with <c>--ca-file</c>, those
/// that chain to one of the file's certificates (a private CA). The name must match either way.
/// </summary>
public sealed class ServerTrust
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private ServerTrust(X509Certificate2Collection authorities) => Authorities = authorities;

    public X509Certificate2Collection Authorities { get; }

    /// <summary>Reads the CA certificates of a PEM file (one or more) or a single DER certificate.</summary>
    public static ServerTrust Load(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (CryptographicException)
        {
            // Not PEM: a DER certificate is the other common form.
        }

        if (authorities.Count == 0)
        {
            authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }

        return new ServerTrust(authorities);
    }

    /// <summary>The TLS handshake's verdict, for HttpClientHandler (negotiate, SSE, long polling) and ClientWebSocket.</summary>
    public bool Validate(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            // A name mismatch or no certificate at all: no CA makes that right.
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (chain is not null)
        {
            // Intermediates the server sent along.
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
