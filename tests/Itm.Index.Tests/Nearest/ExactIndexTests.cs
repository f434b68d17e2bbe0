using Itm.Index.Nearest;
using Itm.Index.Tests.Fixtures;
using Itm.Index.Vectors;

namespace Itm.Index.Tests.Nearest;

/// <summary>The exact scan returns what sorting every score would: the fast path checked against the naive one.</summary>
public sealed class ExactIndexTests
{
    private const int Dim = 16;

    [Theory]
    [InlineData(500, 1)]
    [InlineData(500, 10)]
    [InlineData(7, 10)]
    [InlineData(40_000, 10)] // above one task's share: the parallel path
    public void Results_equal_a_brute_force_sort(int count, int k)
    {
        float[] data = ClusteredVectors.Generate(count, Dim, clusters: 20, seed: count);
        using var rows = VectorRows.FromArray(data, Dim);
        var index = new ExactIndex(rows);
        foreach (int q in new[] { 0, count / 2, count - 1 })
        {
            float[] query = data.AsSpan(q * Dim, Dim).ToArray();
            var expected = NaiveSearch.TopK(data, Dim, query, k);
            var actual = index.Search(query, k);
            Assert.Equal(expected.Select(h => h.Row), actual.Select(h => h.Row));
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 4));
        }
    }

    [Fact]
    public void Dead_rows_are_never_returned()
    {
        float[] data = ClusteredVectors.Generate(300, Dim, clusters: 5, seed: 3);
        using var rows = VectorRows.FromArray(data, Dim);
        var live = Enumerable.Range(0, 300).Where(r => r % 3 != 0).Select(r => (long)r).ToList();
        var index = new ExactIndex(rows, RowFilter.Only(rows.Rows, live));
        float[] query = data.AsSpan(0, Dim).ToArray(); // row 0 itself is dead

        var expected = NaiveSearch.TopK(data, Dim, query, 20, row => row % 3 != 0);
        var actual = index.Search(query, 20);

        Assert.Equal(expected.Select(h => h.Row), actual.Select(h => h.Row));
        Assert.Equal(200, index.Count);
    }

    [Fact]
    public void A_batch_of_queries_gives_what_each_query_gives_alone()
    {
        float[] data = ClusteredVectors.Generate(1000, Dim, clusters: 10, seed: 5);
        using var rows = VectorRows.FromArray(data, Dim);
        var index = new ExactIndex(rows);
        float[] queries = data.AsSpan(0, 5 * Dim).ToArray();

        var batch = index.SearchBatch(queries, 7);

        Assert.Equal(5, batch.Count);
        for (int q = 0; q < 5; q++)
        {
            Assert.Equal(index.Search(queries.AsSpan(q * Dim, Dim), 7), batch[q]);
        }
    }

    [Fact]
    public void Equal_scores_are_ordered_by_row()
    {
        using var rows = VectorRows.FromArray([1, 0, 0, 1, 1, 0, 1, 0], 2);
        var hits = new ExactIndex(rows).Search([1, 0], 3);
        Assert.Equal([0L, 2L, 3L], hits.Select(h => h.Row));
    }
}
