using Portal.Lab;

namespace Portal.Scenarios.Tests.Security;

/// <summary>
/// Sends fuzz cases as each role, tallies the answers and checks the lab hosts around them: a fingerprint before an
/// operation's cases and after them must be identical when they were answered 4xx.
/// </summary>
public sealed class ApiFuzzer(IReadOnlyList<FuzzRole> roles, IReadOnlyList<LabHost> hosts, FuzzTally tally)
{
    /// <summary>The header every unsafe request under /api must carry (cross-site request protection).</summary>
    public const string CsrfHeader = "X-Requested-With";

    /// <summary>Host changes seen after 4xx answers (failures) and after 2xx answers (reported only).</summary>
    public List<string> HostChanges { get; } = [];

    public List<string> HostChangesAfterSuccess { get; } = [];

    /// <summary>
    /// Every case as every role, then the hosts compared with how they were before. A 2xx of an unsafe method may
    /// legitimately change a host, so the hosts are compared right after it too and the comparison starts again from
    /// there; a change found then is a failure when 4xx answers came since the last comparison (they cannot be told
    /// apart from the 2xx), and reported otherwise.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<FuzzCase> cases, bool withCsrfHeader, CancellationToken cancellationToken)
    {
        var before = await HostFingerprint.TakeAsync(hosts, cancellationToken);
        var refused = new List<string>();
        foreach (var role in roles)
        {
            foreach (var fuzzCase in cases)
            {
                var answer = await SendAsync(role, fuzzCase, withCsrfHeader, cancellationToken);
                if (answer.IsClientError)
                {
                    refused.Add($"{role.Name}: {answer.Status} {fuzzCase}");
                }

                if (answer.IsSuccess && !fuzzCase.Operation.IsSafe)
                {
                    await KeepSignedInAsync(role, cancellationToken);
                    var now = await HostFingerprint.TakeAsync(hosts, cancellationToken);
                    await CompareAsync(before, now, refused, $"{role.Name}: {answer.Status} {fuzzCase}", cancellationToken);
                    (before, refused) = (now, []);
                }
            }
        }

        await CompareAsync(before, await HostFingerprint.TakeAsync(hosts, cancellationToken), refused, null, cancellationToken);
    }

    /// <summary>Sends one case and records the answer.</summary>
    public async Task<FuzzAnswer> SendAsync(FuzzRole role, FuzzCase fuzzCase, bool withCsrfHeader, CancellationToken cancellationToken)
    {
        using var request = fuzzCase.ToRequest(withCsrfHeader);
        using var response = await role.Http.SendAsync(request, cancellationToken);
        var answer = await FuzzAnswer.ReadAsync(response, cancellationToken);
        tally.Add(role.Name, fuzzCase, answer);
        return answer;
    }

    /// <summary>A 2xx may have been a sign-out: the role signs in again so that its next cases are still its own.</summary>
    public async Task KeepSignedInAsync(FuzzRole role, CancellationToken cancellationToken)
    {
        if (role.Session is { } session && !await session.IsSignedInAsync(cancellationToken))
        {
            await session.SignInAgainAsync(cancellationToken);
            tally.SignInsAgain++;
        }
    }

    private async Task CompareAsync(HostFingerprint before, HostFingerprint after, List<string> refused, string? success, CancellationToken cancellationToken)
    {
        var differences = before.DifferencesTo(after);
        if (differences.Count == 0)
        {
            return;
        }

        var what = string.Join('\n', differences) + "\n  docker events meanwhile:\n" + await before.EventsSinceAsync(hosts, cancellationToken);
        var cases = string.Join('\n', refused.Take(20).Select(r => "    " + r)) + (refused.Count > 20 ? $"\n    ... {refused.Count - 20} more" : string.Empty);
        if (refused.Count > 0)
        {
            HostChanges.Add($"a lab host changed across {refused.Count} answers 4xx" + (success is null ? string.Empty : $" and the 2xx {success}") + $":\n{what}\n  the 4xx cases:\n{cases}");
        }
        else
        {
            HostChangesAfterSuccess.Add($"a lab host changed after {success ?? "answers that were all 2xx to safe methods"}:\n{what}");
        }
    }
}
