using System.Collections.Concurrent;

namespace Portal.Core.Reachability;

/// <summary>
/// A chain ready for walks. <see cref="Policy"/> is ACCEPT/DROP for a built-in chain whose policy is known, null when
/// unknown (or for a user chain). Long chains keep an index by destination address: the rules a packet to one address
/// can match are those limited to that address (<c>-d X/32</c>) and those not limited to one, in chain order; the
/// others are skipped without being looked at, which changes nothing since they could not match.
/// </summary>
internal sealed class CompiledChain(string table, string name, bool builtIn, string? policy, CompiledRule[] rules)
{
    private const int IndexFrom = 16;
    private readonly ConcurrentDictionary<uint, int[]> candidates = new();
    private Dictionary<uint, List<int>>? byDestination;
    private int[]? unindexed;

    public string Table { get; } = table;

    public string Name { get; } = name;

    public bool BuiltIn { get; } = builtIn;

    public string? Policy { get; } = policy;

    public CompiledRule[] Rules { get; } = rules;

    /// <summary>Positions (in <see cref="Rules"/>) of the rules that may match a packet to <paramref name="destination"/>, in order.</summary>
    public int[]? CandidatesFor(uint destination)
    {
        if (Rules.Length < IndexFrom)
        {
            return null;
        }

        return candidates.GetOrAdd(destination, Build);
    }

    private int[] Build(uint destination)
    {
        lock (candidates)
        {
            if (byDestination is null)
            {
                var map = new Dictionary<uint, List<int>>();
                var rest = new List<int>();
                for (var i = 0; i < Rules.Length; i++)
                {
                    if (Rules[i].ExactDestination is { } exact)
                    {
                        if (!map.TryGetValue(exact, out var list))
                        {
                            map[exact] = list = [];
                        }

                        list.Add(i);
                    }
                    else
                    {
                        rest.Add(i);
                    }
                }

                unindexed = [.. rest];
                byDestination = map;
            }
        }

        if (!byDestination.TryGetValue(destination, out var own))
        {
            return unindexed!;
        }

        // Merge two ordered lists of positions.
        var merged = new int[own.Count + unindexed!.Length];
        int a = 0, b = 0, k = 0;
        while (a < own.Count || b < unindexed.Length)
        {
            merged[k++] = b >= unindexed.Length || (a < own.Count && own[a] < unindexed[b]) ? own[a++] : unindexed[b++];
        }

        return merged;
    }
}
