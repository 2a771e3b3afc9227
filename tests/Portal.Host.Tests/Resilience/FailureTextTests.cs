using System.Net.WebSockets;
using System.Security.Authentication;
using Portal.Host.Resilience;

namespace Portal.Host.Tests.Resilience;

public sealed class FailureTextTests
{
    [Fact]
    public void Of_WebSocketRefusedByTls_NamesEveryCauseDownToTheCertificate()
    {
        var failure = new WebSocketException(
            "Unable to connect to the remote server",
            new HttpRequestException(
                "The SSL connection could not be established, see inner exception.",
                new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot")));

        Assert.Equal(
            "Unable to connect to the remote server <- The SSL connection could not be established, see inner exception. <- " +
            "The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot",
            FailureText.Of(failure));
    }

    [Fact]
    public void Of_RepeatedMessage_SaidOnce() =>
        Assert.Equal("refused", FailureText.Of(new IOException("refused", new IOException("refused"))));

    [Fact]
    public void Of_Nothing_SaysSo() => Assert.Equal("unknown error", FailureText.Of(null));
}
