using CsCheck;
using Itm.Data.Ranking;
using Itm.Index.Nearest;
using Itm.Index.Vectors;

namespace Itm.Index.Tests.Nearest;

/// <summary>
/// For any rows (any count and dimension, SIMD tails included, repeated rows that tie exactly), any set of live rows,
/// any k and any batch of queries, the exact index answers what a naive scan of every live row answers. Scores are
/// compared to a double-precision dot product within float rounding, since the kernels add in another order; ties
/// between equal rows go to the lower row, as <see cref="TopK"/> documents.
/// </summary>
public sealed class ExactSearchPropertyTests
{
    private const double Rounding = 1e-5;

    private sealed record Case(int Dimension, float[] Rows, bool[] Live, float[] Queries, int K)
    {
        public int Count => Rows.Length / Dimension;

        public override string ToString() =>
            $"{Count} rows of {Dimension}, {Live.Count(l => l)} live, {Queries.Length / Dimension} queries, k {K}";
    }

    private static readonly Gen<Case> Cases =
        from dimension in Gen.Int[1, 70]
        from distinct in Gen.Int[1, 400]
        from repeats in Gen.Int[0, 40]
        from values in Gen.Float[-1, 1].Array[distinct * dimension]
        from copies in Gen.Int[0, distinct - 1].Array[repeats]
        from liveFraction in Gen.Double[0, 1]
        from liveDraws in Gen.Double[0, 1].Array[distinct + repeats]
        from queryCount in Gen.Int[1, 5]
        from queries in Gen.Float[-1, 1].Array[queryCount * dimension]
        from k in Gen.Int[1, distinct + repeats + 3]
        select new Case(
            dimension,
            [.. values, .. copies.SelectMany(c => values.AsSpan(c * dimension, dimension).ToArray())],
            [.. liveDraws.Select(d => d >= liveFraction)],
            queries,
            k);

    [Fact]
    public void Exact_search_equals_a_naive_scan_of_the_live_rows()
    {
        Cases.Sample(test =>
        {
            using var rows = VectorRows.FromArray(test.Rows, test.Dimension);
            var live = Enumerable.Range(0, test.Count).Where(r => test.Live[r]).Select(r => (long)r).ToList();
            using var index = new ExactIndex(rows, RowFilter.Only(rows.Rows, live));
            var answers = index.SearchBatch(test.Queries, test.K);

            Assert.Equal(test.Queries.Length / test.Dimension, answers.Count);
            for (int q = 0; q < answers.Count; q++)
            {
                var query = test.Queries.AsSpan(q * test.Dimension, test.Dimension).ToArray();
                AssertExact(test, live, query, answers[q]);
                Assert.Equal(answers[q], index.Search(query, test.K));
            }
        }, iter: 300, print: test => test.ToString());
    }

    private static void AssertExact(Case test, List<long> live, float[] query, IReadOnlyList<VectorHit> hits)
    {
        var scores = live.ToDictionary(row => row, row => Dot(test.Rows.AsSpan((int)row * test.Dimension, test.Dimension), query));
        Assert.Equal(Math.Min(test.K, live.Count), hits.Count);
        Assert.Equal(hits.Count, hits.Select(h => h.Row).Distinct().Count());
        for (int i = 0; i < hits.Count; i++)
        {
            Assert.True(scores.ContainsKey(hits[i].Row), $"row {hits[i].Row} is dead or out of range");
            Assert.Equal(scores[hits[i].Row], hits[i].Score, Rounding);
            if (i > 0)
            {
                Assert.True(hits[i - 1].Score > hits[i].Score || (hits[i - 1].Score == hits[i].Score && hits[i - 1].Row < hits[i].Row),
                    $"ranks {i - 1} and {i} are out of order: {hits[i - 1]} then {hits[i]}");
            }
        }

        // Nothing left out scores above the last answer (beyond rounding).
        var kept = hits.Select(h => h.Row).ToHashSet();
        double last = hits.Count == 0 ? double.NegativeInfinity : hits[^1].Score;
        var better = scores.Where(s => !kept.Contains(s.Key) && s.Value > last + Rounding).Select(s => s.Key).ToList();
        Assert.True(better.Count == 0, $"rows {string.Join(", ", better)} score above the last answer but were left out");
    }

    private static double Dot(ReadOnlySpan<float> row, float[] query)
    {
        double sum = 0;
        for (int d = 0; d < query.Length; d++)
        {
            sum += (double)row[d] * query[d];
        }

        return sum;
    }
}
