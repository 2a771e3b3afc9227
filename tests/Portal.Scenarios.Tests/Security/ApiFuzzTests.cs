using System.Diagnostics;
using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Lab.Stack;

namespace Portal.Scenarios.Tests.Security;

using Lab = Portal.Lab.Lab;

/// <summary>The fuzz compares whole lab hosts before and after: nothing else in this assembly may run meanwhile.</summary>
[CollectionDefinition(nameof(ApiFuzzRunsAlone), DisableParallelization = true)]
public sealed class ApiFuzzRunsAlone;

/// <summary>
/// Every operation of the running server's /openapi/v1.json gets generated malformed requests as anonymous, viewer,
/// operator and admin: never a 5xx, every error a ProblemDetails, and the lab hosts (iptables-save, docker inspect of
/// every container and network) byte-identical across the 4xx answers. Seeded: PORTAL_FUZZ_SEED repeats a run.
/// </summary>
[Collection(nameof(ApiFuzzRunsAlone))]
public sealed class ApiFuzzTests(ScenarioStack fixture)
{
    private const int DefaultSeed = 20261129;

    /// <summary>Cases per operation and role; the sign-in route gets few (rate limit and lockout apply to it).</summary>
    private const int CasesPerOperation = 72;

    private const int SignInCases = 6;

    private static readonly string[] CommonQueryNames = ["limit", "offset", "before", "after", "since", "until", "from", "to", "at", "page", "sort", "id", "q"];

    [Fact]
    public async Task EveryOperation_MalformedRequestsAsEveryRole_NoServerErrorAlwaysProblemDetailsHostsUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var (operations, generator, seed) = await PrepareAsync(ct);
        var roles = await RolesAsync(ct);
        var tally = new FuzzTally();
        var fuzzer = new ApiFuzzer(roles, Lab.Hosts, tally);
        var clock = Stopwatch.StartNew();
        var perOperation = new List<string>();
        try
        {
            await WaitHostsQuietAsync(ct);
            foreach (var operation in operations)
            {
                var cases = generator.For(operation, IsSignIn(operation) ? SignInCases : CasesPerOperation);
                var sent = tally.Total;
                await fuzzer.RunAsync(cases, withCsrfHeader: true, ct);
                perOperation.Add($"  {operation,-70} {cases.Count,3} cases x {roles.Count} roles = {tally.Total - sent}");
            }
        }
        finally
        {
            var summary = tally.Summary($"API fuzz (seed {seed}, {operations.Count} operations, {clock.Elapsed.TotalSeconds:0} s)")
                + string.Join('\n', perOperation) + "\n"
                + (fuzzer.HostChangesAfterSuccess.Count == 0 ? string.Empty : "host changes after 2xx answers (not failures):\n" + string.Join('\n', fuzzer.HostChangesAfterSuccess) + "\n");
            Report(summary, "api-fuzz.txt");
            foreach (var role in roles)
            {
                role.Dispose();
            }
        }

        Assert.True(tally.Faults.Count == 0, $"{tally.Faults.Count} answers break the contract:\n{string.Join('\n', tally.Faults.Take(40))}");
        Assert.True(fuzzer.HostChanges.Count == 0, string.Join("\n\n", fuzzer.HostChanges));
    }

    [Fact]
    public async Task UnsafeRequests_WithoutRequestedWithHeader_AreRefusedWith400()
    {
        var ct = TestContext.Current.CancellationToken;
        var (operations, generator, seed) = await PrepareAsync(ct);
        var roles = await RolesAsync(ct);
        var tally = new FuzzTally();
        var fuzzer = new ApiFuzzer(roles, Lab.Hosts, tally);
        var wrong = new List<string>();
        var required = false;
        try
        {
            await WaitHostsQuietAsync(ct);
            var before = await HostFingerprint.TakeAsync(Lab.Hosts, ct);
            foreach (var role in roles)
            {
                foreach (var operation in operations.Where(o => !o.IsSafe))
                {
                    // The same malformed request with the header and without: the header alone must make the difference.
                    var fuzzCase = generator.Baseline(operation);
                    var with = await fuzzer.SendAsync(role, fuzzCase, withCsrfHeader: true, ct);
                    await fuzzer.KeepSignedInAsync(role, ct);
                    var without = await fuzzer.SendAsync(role, fuzzCase, withCsrfHeader: false, ct);
                    await fuzzer.KeepSignedInAsync(role, ct);
                    required |= without.Status == 400 && with.Status != 400;
                    // Anonymous callers may be refused for the missing sign-in first: 401 does nothing either.
                    var expected = role.Session is null ? [400, 401] : new[] { 400 };
                    if (!expected.Contains(without.Status))
                    {
                        wrong.Add($"{role.Name}: {without.Status} (with the header {with.Status}) {fuzzCase}");
                    }
                }
            }

            var differences = before.DifferencesTo(await HostFingerprint.TakeAsync(Lab.Hosts, ct));
            Assert.True(differences.Count == 0, string.Join('\n', differences));
        }
        finally
        {
            Report(tally.Summary($"API requests without {ApiFuzzer.CsrfHeader} (seed {seed})"), "api-fuzz-no-header.txt");
            foreach (var role in roles)
            {
                role.Dispose();
            }
        }

        Assert.True(tally.Faults.Count == 0, string.Join('\n', tally.Faults));
        if (!required)
        {
            Assert.Skip($"the server does not require {ApiFuzzer.CsrfHeader} yet: no unsafe request was answered differently without it ({tally.Total} requests)");
        }

        Assert.True(wrong.Count == 0, $"unsafe requests without {ApiFuzzer.CsrfHeader} not refused with 400:\n{string.Join('\n', wrong)}");
    }

    private async Task<(IReadOnlyList<ApiOperation> Operations, FuzzCaseGenerator Generator, int Seed)> PrepareAsync(CancellationToken ct)
    {
        var stack = fixture.Stack;
        foreach (var host in Lab.Hosts)
        {
            await stack.WaitOnlineAsync(host.Name, true, ct);
        }

        var document = await stack.Admin.GetJsonAsync("/openapi/v1.json", ct);
        // The sign-in route goes last: its rate limit must not stand in the way of signing in again after a sign-out.
        var operations = ApiOperation.AllOf(document).OrderBy(IsSignIn).ToList();
        Assert.NotEmpty(operations);

        var seed = int.TryParse(Environment.GetEnvironmentVariable("PORTAL_FUZZ_SEED"), out var given) ? given : DefaultSeed;
        var realValues = new Dictionary<string, string> { ["host"] = Lab.Docker1.Name };
        var generator = new FuzzCaseGenerator(seed, realValues, await RealNamesAsync(stack, ct), ExtraQueryNames(document, operations));
        return (operations, generator, seed);
    }

    private async Task<List<FuzzRole>> RolesAsync(CancellationToken ct)
    {
        var stack = fixture.Stack;
        // A second admin of its own, so that a fuzzed sign-out never ends the stack's admin session.
        return [FuzzRole.Anonymous(stack.Url), await FuzzRole.SignedInAsync(stack, "viewer", ct), await FuzzRole.SignedInAsync(stack, "operator", ct), await FuzzRole.SignedInAsync(stack, "admin", ct)];
    }

    private static bool IsSignIn(ApiOperation operation) => operation.Path == PortalSession.SignInPath;

    /// <summary>Names of everything real (hosts, users, roles, containers, networks): the fuzz never sends them.</summary>
    private static async Task<IReadOnlySet<string>> RealNamesAsync(PortalStack stack, CancellationToken ct)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "admin", "operator", "viewer" };
        foreach (var host in (await stack.Admin.GetJsonAsync("/api/hosts", ct)).AsArray())
        {
            names.Add(host!["name"]!.GetValue<string>());
        }

        foreach (var user in (await stack.Admin.GetJsonAsync("/api/users", ct)).AsArray())
        {
            names.Add(user!["userName"]!.GetValue<string>());
        }

        foreach (var host in Lab.Hosts)
        {
            names.UnionWith(Lines(await host.DockerAsync(["ps", "-a", "--format", "{{.Names}}"], ct)));
            names.UnionWith(Lines(await host.DockerAsync(["network", "ls", "--format", "{{.Name}}"], ct)));
        }

        return names;
    }

    /// <summary>Every parameter and schema property name of the document plus common paging and time names.</summary>
    private static List<string> ExtraQueryNames(JsonNode document, IReadOnlyList<ApiOperation> operations)
    {
        var properties = (document["components"]?["schemas"]?.AsObject() ?? [])
            .SelectMany(s => s.Value?["properties"]?.AsObject().Select(p => p.Key) ?? []);
        return [.. operations.SelectMany(o => o.Parameters.Select(p => p.Name)).Concat(properties).Concat(CommonQueryNames).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Waits until two fingerprints a second apart agree: earlier scenarios' changes have settled.</summary>
    private static async Task WaitHostsQuietAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = await HostFingerprint.TakeAsync(Lab.Hosts, ct);
        while (true)
        {
            await Task.Delay(1000, ct);
            var now = await HostFingerprint.TakeAsync(Lab.Hosts, ct);
            var differences = last.DifferencesTo(now);
            if (differences.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the lab hosts kept changing before the fuzz started:\n" + string.Join('\n', differences));
            }

            last = now;
        }
    }

    private static void Report(string summary, string file)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        var folder = Path.Combine(Lab.RepositoryRoot, "artifacts", "test-results");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, file), summary);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
