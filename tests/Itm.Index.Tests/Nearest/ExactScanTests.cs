using Itm.Index.Nearest;
using Itm.Index.Tests.Fixtures;
using Itm.Index.Vectors;

namespace Itm.Index.Tests.Nearest;

/// <summary>
/// The blocked scan kernels (query by query, and tiled over many queries) against the naive oracle, on sizes that do
/// not divide into the kernels' row groups, query tiles, chunks or vector widths. The values are small multiples of
/// 1/4, so every dot product is exact in float32 whatever order it is summed in: the lists must match exactly,
/// ties (lots of them) included.
/// </summary>
public sealed class ExactScanTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(5, 3, 2, 10)]
    [InlineData(13, 17, 9, 4)]           // fewer rows than k, tiles of 9 queries: padding everywhere
    [InlineData(301, 16, 1, 10)]
    [InlineData(301, 16, 7, 10)]         // the most queries scored one by one
    [InlineData(301, 16, 8, 10)]         // the fewest scored tiled
    [InlineData(1_000, 33, 65, 10)]      // one query past a 64-wide tile
    [InlineData(12_289, 32, 3, 5)]       // one row past a chunk
    [InlineData(25_000, 256, 70, 10)]    // several chunks on several threads, the production dimension
    [InlineData(2_000, 8, 600, 3)]       // more queries than one pass holds
    public void Results_equal_the_naive_sort(int count, int dimension, int queries, int k)
    {
        var random = new Random(count + dimension + queries);
        float[] data = Quarters(random, count * dimension);
        float[] queryData = Quarters(random, queries * dimension);
        using var rows = VectorRows.FromArray(data, dimension);

        var index = new ExactIndex(rows);
        var batch = index.SearchBatch(queryData, k);

        Assert.Equal(queries, batch.Count);
        for (int q = 0; q < queries; q++)
        {
            float[] query = queryData.AsSpan(q * dimension, dimension).ToArray();
            Assert.Equal(NaiveSearch.TopK(data, dimension, query, k), batch[q]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void Dead_rows_are_skipped_even_when_they_would_win(int queries)
    {
        const int Count = 15_000;
        const int Dimension = 24;
        var random = new Random(queries);
        float[] data = Quarters(random, Count * Dimension);
        float[] queryData = Quarters(random, queries * Dimension);
        Array.Copy(queryData, 0, data, 7 * Dimension, Dimension); // a dead row that matches query 0 better than any
        bool IsLive(long row) => row % 7 != 0 && row % 11 != 3;
        using var rows = VectorRows.FromArray(data, Dimension);
        var filter = RowFilter.Only(rows.Rows, Enumerable.Range(0, Count).Select(r => (long)r).Where(IsLive));

        var batch = new ExactIndex(rows, filter).SearchBatch(queryData, 10);

        for (int q = 0; q < queries; q++)
        {
            float[] query = queryData.AsSpan(q * Dimension, Dimension).ToArray();
            Assert.Equal(NaiveSearch.TopK(data, Dimension, query, 10, IsLive), batch[q]);
        }
    }

    [Fact]
    public void Identical_rows_tie_and_the_lower_rows_win()
    {
        const int Dimension = 40;
        float[] row = Quarters(new Random(3), Dimension);
        float[] data = Enumerable.Range(0, 20_000).SelectMany(_ => row).ToArray();
        using var rows = VectorRows.FromArray(data, Dimension);
        float[] queries = Enumerable.Range(0, 10).SelectMany(_ => row).ToArray();

        var batch = new ExactIndex(rows).SearchBatch(queries, 4);

        Assert.All(batch, hits => Assert.Equal([0L, 1L, 2L, 3L], hits.Select(h => h.Row)));
    }

    [Fact]
    public void Unit_vectors_get_their_true_cosines()
    {
        const int Dimension = 256;
        float[] data = ClusteredVectors.Generate(3_000, Dimension, clusters: 30, seed: 4);
        float[] queries = ClusteredVectors.Generate(50, Dimension, clusters: 30, seed: 4);
        using var rows = VectorRows.FromArray(data, Dimension);

        var batch = new ExactIndex(rows).SearchBatch(queries, 10);

        for (int q = 0; q < 50; q++)
        {
            var expected = NaiveSearch.TopK(data, Dimension, queries.AsSpan(q * Dimension, Dimension).ToArray(), 10);
            Assert.Equal(expected.Select(h => h.Row), batch[q].Select(h => h.Row));
            Assert.All(expected.Zip(batch[q]), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 5));
        }
    }

    [Theory]
    [InlineData(5, 3, 2, 10)]
    [InlineData(301, 16, 7, 10)]         // one by one; the file's rows widened in slices
    [InlineData(1_000, 33, 65, 10)]      // tiled, with a tail of rows fewer than a group
    [InlineData(25_000, 256, 3, 10)]     // several chunks, each widened a slice at a time
    [InlineData(25_001, 256, 70, 10)]
    public void Float16_rows_read_from_a_file_give_the_naive_results(int count, int dimension, int queries, int k)
    {
        // Quarters up to 1 are exact in float16, so the file holds the very values the oracle sees.
        var random = new Random(count + dimension + queries);
        float[] data = Quarters(random, count * dimension);
        float[] queryData = Quarters(random, queries * dimension);
        using var temp = new TempFolder();
        string path = temp.PathOf("h.vectors");
        using (var file = VectorFile.Create(path, dimension, VectorPrecision.Float16))
        {
            file.Append(data);
        }

        using var rows = VectorRows.Map(path, count);
        var batch = new ExactIndex(rows).SearchBatch(queryData, k);

        for (int q = 0; q < queries; q++)
        {
            float[] query = queryData.AsSpan(q * dimension, dimension).ToArray();
            Assert.Equal(NaiveSearch.TopK(data, dimension, query, k), batch[q]);
        }
    }

    private static float[] Quarters(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => random.Next(-4, 5) / 4f).ToArray();
}
