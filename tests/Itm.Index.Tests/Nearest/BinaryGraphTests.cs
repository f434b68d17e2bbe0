using Itm.Index.Nearest;
using Itm.Index.Nearest.Native;
using Itm.Index.Tests.Fixtures;
using Itm.Index.Vectors;

namespace Itm.Index.Tests.Nearest;

/// <summary>
/// Graphs that walk on sign bits (<see cref="HnswPrecision.Binary"/>): recall kept by re-scoring from the rows, stored
/// bits that are the rows' signs, a file a fraction of an int8 graph's, and every precision reopening as itself.
/// </summary>
public sealed unsafe class BinaryGraphTests : IDisposable
{
    private const int Dim = 128;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Sign_bits_reranked_from_the_rows_reach_the_stated_recall()
    {
        float[] data = ClusteredVectors.Generate(4000, Dim, clusters: 40, seed: 31);
        float[] queries = ClusteredVectors.Generate(200, Dim, clusters: 40, seed: 31);
        using var rows = VectorRows.FromArray(data, Dim);
        var truth = new ExactIndex(rows).SearchBatch(queries, 10);
        // One thread: a build on two inserts in an order that changes run to run, and so did the graph's answers.
        using var graph = HnswIndex.Build(rows, null, new VectorIndexOptions { Precision = HnswPrecision.Binary, Threads = 1 });

        var found = graph.SearchBatch(queries, 10);

        Assert.True(graph.Reranks);
        double recall = truth.Zip(found).Average(pair => pair.First.Select(h => h.Row).Intersect(pair.Second.Select(h => h.Row)).Count() / 10.0);
        Assert.True(recall >= 0.95, $"binary recall@10 {recall:F3}");
        for (int q = 0; q < 20; q++)
        {
            Assert.Equal(truth[q][0].Score, found[q][0].Score, 4);
        }
    }

    [Fact]
    public void The_stored_bits_are_the_signs_of_the_rows()
    {
        float[] data = ClusteredVectors.Generate(500, Dim, clusters: 5, seed: 9);
        using var rows = VectorRows.FromArray(data, Dim);
        string path = temp.PathOf("binary.hnsw");
        using (var built = HnswIndex.Build(rows, null, new VectorIndexOptions { Precision = HnswPrecision.Binary }))
        {
            built.Save(path);
        }

        // Without the rows the graph answers with its own distances: the Hamming count of the packed signs.
        using var graph = HnswIndex.Open(path, new VectorIndexOptions());
        float[] query = ClusteredVectors.Generate(1, Dim, clusters: 5, seed: 77);
        var hits = graph.Search(query, 20);

        Assert.False(graph.Reranks);
        Assert.Equal(20, hits.Count);
        foreach (var hit in hits)
        {
            int hamming = NaiveHamming(query, data.AsSpan((int)hit.Row * Dim, Dim));
            Assert.Equal(MathF.Cos(MathF.PI * hamming / Dim), hit.Score, 5);
        }
    }

    [Fact]
    public void USearch_casting_floats_itself_lands_on_the_same_bits()
    {
        var options = new USearchNative.InitOptions
        {
            Metric = USearchNative.MetricKind.Hamming,
            Quantization = USearchNative.ScalarKind.B1,
            Dimensions = Dim,
            Connectivity = 16,
            ExpansionAdd = 64,
            ExpansionSearch = 64,
        };
        nint index = USearchNative.Init(ref options, out nint error);
        USearchNative.Check(error, "init");
        try
        {
            USearchNative.Reserve(index, 1, out error);
            USearchNative.Check(error, "reserve");
            float[] vector = ClusteredVectors.Generate(1, Dim, clusters: 1, seed: 3);
            fixed (float* v = vector)
            {
                USearchNative.Add(index, 42, v, USearchNative.ScalarKind.Float32, out error);
                USearchNative.Check(error, "add");
            }

            var bits = new byte[SignBits.BytesFor(Dim)];
            SignBits.Pack(vector, bits);
            Assert.Equal(0f, HammingTo(index, bits));
            bits[3] ^= 0b0010_0000;
            Assert.Equal(1f, HammingTo(index, bits));
        }
        finally
        {
            USearchNative.Free(index, out _);
        }
    }

    [Theory]
    [InlineData(HnswPrecision.Float32)]
    [InlineData(HnswPrecision.Float16)]
    [InlineData(HnswPrecision.Int8)]
    [InlineData(HnswPrecision.Binary)]
    public void Every_precision_saves_and_reopens_as_itself_with_the_same_answers(HnswPrecision precision)
    {
        float[] data = ClusteredVectors.Generate(1000, Dim, clusters: 10, seed: 12);
        using var rows = VectorRows.FromArray(data, Dim);
        string path = temp.PathOf($"{precision}.hnsw");
        float[] queries = ClusteredVectors.Generate(8, Dim, clusters: 10, seed: 13);
        IReadOnlyList<IReadOnlyList<Itm.Data.Ranking.VectorHit>> before;
        using (var built = HnswIndex.Build(rows, null, new VectorIndexOptions { Precision = precision }))
        {
            before = Enumerable.Range(0, 8).Select(q => built.Search(queries.AsSpan(q * Dim, Dim), 10)).ToList();
            built.Save(path);
        }

        using var opened = HnswIndex.Open(path, new VectorIndexOptions(), rows);

        Assert.Equal(precision, opened.Precision);
        Assert.Equal(precision != HnswPrecision.Float32, opened.Reranks);
        Assert.Equal(Dim, opened.Dimension);
        Assert.Equal(1000, opened.Count);
        Assert.All(Enumerable.Range(0, 8), q => Assert.Equal(before[q], opened.Search(queries.AsSpan(q * Dim, Dim), 10)));
    }

    [Fact]
    public void A_binary_graph_file_drops_most_of_the_int8_copy()
    {
        float[] data = ClusteredVectors.Generate(2000, Dim, clusters: 20, seed: 5);
        using var rows = VectorRows.FromArray(data, Dim);
        long SavedBytes(HnswPrecision precision)
        {
            string path = temp.PathOf($"{precision}.hnsw");
            using var graph = HnswIndex.Build(rows, null, new VectorIndexOptions { Precision = precision });
            graph.Save(path);
            return new FileInfo(path).Length;
        }

        long int8 = SavedBytes(HnswPrecision.Int8);
        long binary = SavedBytes(HnswPrecision.Binary);

        // int8 keeps Dim bytes a row, binary Dim / 8: the difference is 7/8 of the int8 copy.
        Assert.True(binary <= int8 - (2000 * Dim * 7 / 8 * 9 / 10), $"int8 {int8}, binary {binary}");
    }

    private static float HammingTo(nint index, byte[] bits)
    {
        ulong key;
        float distance;
        fixed (byte* b = bits)
        {
            nuint found = USearchNative.Search(index, b, USearchNative.ScalarKind.B1, 1, &key, &distance, out nint error);
            USearchNative.Check(error, "search");
            Assert.Equal(1u, (uint)found);
        }

        Assert.Equal(42ul, key);
        return distance;
    }

    private static int NaiveHamming(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int differ = 0;
        for (int i = 0; i < a.Length; i++)
        {
            differ += (a[i] > 0) != (b[i] > 0) ? 1 : 0;
        }

        return differ;
    }
}
