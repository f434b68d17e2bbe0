using Itm.Index.Nearest;
using Itm.Index.Tests.Fixtures;
using Itm.Index.Vectors;

namespace Itm.Index.Tests.Nearest;

/// <summary>Graphs with a narrower copy of the vectors: recall kept by re-scoring, true scores, a smaller file that remembers its precision.</summary>
public sealed class HnswPrecisionTests : IDisposable
{
    private const int Dim = 64;
    private const int Count = 5000;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(HnswPrecision.Float16)]
    [InlineData(HnswPrecision.Int8)]
    public void A_narrow_graph_reranked_from_the_rows_keeps_recall_and_true_scores(HnswPrecision precision)
    {
        float[] data = ClusteredVectors.Generate(Count, Dim, clusters: 50, seed: 21);
        float[] queries = ClusteredVectors.Generate(200, Dim, clusters: 50, seed: 21);
        using var rows = VectorRows.FromArray(data, Dim);
        var truth = new ExactIndex(rows).SearchBatch(queries, 10);
        string path = temp.PathOf("narrow.hnsw");
        using (var built = HnswIndex.Build(rows, null, new VectorIndexOptions { Precision = precision }))
        {
            Assert.True(built.Reranks);
            built.Save(path);
        }

        using var graph = HnswIndex.Open(path, new VectorIndexOptions(), rows);
        var found = graph.SearchBatch(queries, 10);

        Assert.Equal(precision, graph.Precision);
        double recall = truth.Zip(found).Average(pair => pair.First.Select(h => h.Row).Intersect(pair.Second.Select(h => h.Row)).Count() / 10.0);
        Assert.True(recall >= 0.95, $"{precision} recall@10 {recall:F3}");
        for (int q = 0; q < 20; q++)
        {
            Assert.True(found[q].Zip(found[q].Skip(1)).All(pair => pair.First.Score >= pair.Second.Score), "hits are best first");
            foreach (var hit in found[q])
            {
                float dot = 0;
                for (int d = 0; d < Dim; d++)
                {
                    dot += data[(hit.Row * Dim) + d] * queries[(q * Dim) + d];
                }

                Assert.Equal(dot, hit.Score, 4);
            }
        }
    }

    [Fact]
    public void The_graph_file_shrinks_with_the_precision()
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

        long float32 = SavedBytes(HnswPrecision.Float32);
        long float16 = SavedBytes(HnswPrecision.Float16);
        long int8 = SavedBytes(HnswPrecision.Int8);

        Assert.True(float16 < float32 - (2000 * Dim * 2 * 9 / 10), $"f32 {float32}, f16 {float16}");
        Assert.True(int8 < float16 - (2000 * Dim * 9 / 10), $"f16 {float16}, i8 {int8}");
    }

    [Fact]
    public void Without_the_rows_a_narrow_graph_still_answers_with_approximate_scores()
    {
        float[] data = ClusteredVectors.Generate(1000, Dim, clusters: 10, seed: 8);
        using var rows = VectorRows.FromArray(data, Dim);
        string path = temp.PathOf("int8.hnsw");
        using (var built = HnswIndex.Build(rows, null, new VectorIndexOptions { Precision = HnswPrecision.Int8 }))
        {
            built.Save(path);
        }

        using var graph = HnswIndex.Open(path, new VectorIndexOptions());
        var hits = graph.Search(data.AsSpan(3 * Dim, Dim), 5);

        Assert.False(graph.Reranks);
        Assert.Equal(HnswPrecision.Int8, graph.Precision);
        Assert.Equal(5, hits.Count);
        Assert.True(hits[0].Score is > 0.9f and < 1.1f, $"{hits[0]}");
    }
}
