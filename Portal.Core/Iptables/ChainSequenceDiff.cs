using Portal.Contracts.Model;

namespace Portal.Core.Iptables;

/// <summary>
/// The shortest edit script between the rules of one chain before and after (Myers' O(ND) algorithm on the rule
/// texts, after trimming the common head and tail, which is all a typical change leaves). Rules compare by text
/// only: counters change all the time and are not a change of the rule.
/// </summary>
internal static class ChainSequenceDiff
{
    // Beyond this many edits in one chain the O(D^2) trace gets large; the chain was rewritten wholesale, and
    // pairing equal texts in order (multiset) gives the same answer for everything but moves.
    private const int MaxEdits = 2000;

    public static void Diff(string table, string chain, IReadOnlyList<ParsedRule> before, IReadOnlyList<ParsedRule> after, List<RuleDiff> diffs)
    {
        var head = 0;
        var limit = Math.Min(before.Count, after.Count);
        while (head < limit && before[head].TextSpan.SequenceEqual(after[head].TextSpan))
        {
            head++;
        }

        var tail = 0;
        while (tail < limit - head
            && before[before.Count - 1 - tail].TextSpan.SequenceEqual(after[after.Count - 1 - tail].TextSpan))
        {
            tail++;
        }

        var n = before.Count - head - tail;
        var m = after.Count - head - tail;
        if (n == 0 && m == 0)
        {
            return;
        }

        if (n == 0 || m == 0)
        {
            for (var i = 0; i < n; i++)
            {
                diffs.Add(Removed(table, chain, before[head + i]));
            }

            for (var j = 0; j < m; j++)
            {
                diffs.Add(Added(table, chain, after[head + j]));
            }

            return;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var a = new int[n];
        var b = new int[m];
        for (var i = 0; i < n; i++)
        {
            a[i] = Id(lookup, before[head + i].TextSpan);
        }

        for (var j = 0; j < m; j++)
        {
            b[j] = Id(lookup, after[head + j].TextSpan);
        }

        var script = Myers(a, b);
        if (script is null)
        {
            Multiset(table, chain, before, after, head, n, m, diffs);
            return;
        }

        foreach (var (isRemoval, position) in script)
        {
            diffs.Add(isRemoval ? Removed(table, chain, before[head + position]) : Added(table, chain, after[head + position]));
        }
    }

    private static int Id(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ids, ReadOnlySpan<char> text)
    {
        if (!ids.TryGetValue(text, out var id))
        {
            id = ids.Dictionary.Count;
            ids.TryAdd(text, id);
        }

        return id;
    }

    /// <summary>The edit script in order: (true, i) removes a[i], (false, j) adds b[j]; null past <see cref="MaxEdits"/>.</summary>
    private static List<(bool Removal, int Position)>? Myers(int[] a, int[] b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= Math.Min(max, MaxEdits); d++)
        {
            // Keep the furthest points of the previous round for k in [-d-1, d+1]: what backtracking needs.
            var snapshot = new int[(2 * d) + 3];
            Array.Copy(v, offset - d - 1, snapshot, 0, snapshot.Length);
            trace.Add(snapshot);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }

            if (found >= 0)
            {
                break;
            }
        }

        if (found < 0)
        {
            return null;
        }

        var script = new List<(bool, int)>(found);
        int cx = n, cy = m;
        for (var d = found; d > 0; d--)
        {
            var previous = trace[d];
            int At(int k) => previous[k + d + 1];
            var kk = cx - cy;
            var prevK = kk == -d || (kk != d && At(kk - 1) < At(kk + 1)) ? kk + 1 : kk - 1;
            var prevX = At(prevK);
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--;
                cy--;
            }

            if (cx == prevX)
            {
                script.Add((false, prevY));
            }
            else
            {
                script.Add((true, prevX));
            }

            cx = prevX;
            cy = prevY;
        }

        script.Reverse();
        return script;
    }

    private static void Multiset(string table, string chain, IReadOnlyList<ParsedRule> before, IReadOnlyList<ParsedRule> after, int head, int n, int m, List<RuleDiff> diffs)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < m; j++)
        {
            var text = after[head + j].Text;
            remaining[text] = remaining.GetValueOrDefault(text) + 1;
        }

        for (var i = 0; i < n; i++)
        {
            var rule = before[head + i];
            if (remaining.TryGetValue(rule.Text, out var count) && count > 0)
            {
                remaining[rule.Text] = count - 1;
            }
            else
            {
                diffs.Add(Removed(table, chain, rule));
            }
        }

        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var text = before[head + i].Text;
            kept[text] = kept.GetValueOrDefault(text) + 1;
        }

        for (var j = 0; j < m; j++)
        {
            var rule = after[head + j];
            if (kept.TryGetValue(rule.Text, out var count) && count > 0)
            {
                kept[rule.Text] = count - 1;
            }
            else
            {
                diffs.Add(Added(table, chain, rule));
            }
        }
    }

    private static RuleDiff Removed(string table, string chain, ParsedRule rule) => new(table, chain, ChangeKind.Removed, rule.Text, rule.Index);

    private static RuleDiff Added(string table, string chain, ParsedRule rule) => new(table, chain, ChangeKind.Added, rule.Text, rule.Index);
}
