namespace Portal.Host.Resilience;

/// <summary>
/// A failure as one log line: its message followed by each inner exception's. A WebSocket that cannot connect says only
/// "Unable to connect to the remote server"; the reason an operator needs (the TLS handshake failed, the certificate is
/// not trusted, the port refused) is in the inner exceptions.
/// </summary>
public static class FailureText
{
    /// <summary>Deeper than this, a chain is a loop or a pathology, not a diagnosis.</summary>
    private const int MaxDepth = 8;

    public static string Of(Exception? failure)
    {
        var messages = new List<string>();
        for (var e = failure; e is not null && messages.Count < MaxDepth; e = e.InnerException)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return messages.Count == 0 ? "unknown error" : string.Join(" <- ", messages);
    }
}
