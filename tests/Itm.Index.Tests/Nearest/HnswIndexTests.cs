using Itm.Data.Ranking;
using Itm.Index.Nearest;
using Itm.Index.Tests.Fixtures;
using Itm.Index.Vectors;

namespace Itm.Index.Tests.Nearest;

/// <summary>The HNSW graph against the exact scan on clustered vectors: high recall, true scores, same answers after a save.</summary>
public sealed class HnswIndexTests : IDisposable
{
    private const int Dim = 32;
    private const int Count = 4000;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Recall_at_10_on_clustered_vectors_is_near_exact()
    {
        float[] data = ClusteredVectors.Generate(Count, Dim, clusters: 40, seed: 11);
        using var rows = VectorRows.FromArray(data, Dim);
        var exact = new ExactIndex(rows);
        using var graph = HnswIndex.Build(rows, null, new VectorIndexOptions());
        float[] queries = ClusteredVectors.Generate(200, Dim, clusters: 40, seed: 11); // same centres, fresh points

        var truth = exact.SearchBatch(queries, 10);
        var found = graph.SearchBatch(queries, 10);

        double recall = truth.Zip(found).Average(pair => pair.First.Select(h => h.Row).Intersect(pair.Second.Select(h => h.Row)).Count() / 10.0);
        Assert.True(recall >= 0.95, $"recall@10 {recall:F3}");
        Assert.Equal(Count, graph.Count);

        // Scores are the true cosines of the rows returned.
        var hit = found[0][0];
        float dot = 0;
        for (int d = 0; d < Dim; d++)
        {
            dot += data[(hit.Row * Dim) + d] * queries[d];
        }

        Assert.Equal(dot, hit.Score, 4);
    }

    [Fact]
    public void A_saved_graph_opens_as_a_view_and_answers_the_same()
    {
        float[] data = ClusteredVectors.Generate(1000, Dim, clusters: 10, seed: 2);
        using var rows = VectorRows.FromArray(data, Dim);
        string path = temp.PathOf("images.hnsw");
        float[] query = data.AsSpan(5 * Dim, Dim).ToArray();
        IReadOnlyList<VectorHit> before;
        using (var graph = HnswIndex.Build(rows, null, new VectorIndexOptions()))
        {
            before = graph.Search(query, 10);
            graph.Save(path);
        }

        using var opened = HnswIndex.Open(path, new VectorIndexOptions(), rows);

        Assert.Equal(before, opened.Search(query, 10));
        var batch = opened.SearchBatch(data.AsMemory(0, 8 * Dim), 10);
        Assert.All(Enumerable.Range(0, 8), q => Assert.Equal(opened.Search(data.AsSpan(q * Dim, Dim), 10), batch[q]));
        Assert.Equal(1000, opened.Count);
        Assert.Equal(Dim, opened.Dimension);
        Assert.Equal(5, before[0].Row);
    }

    [Fact]
    public void Only_live_rows_enter_the_graph()
    {
        float[] data = ClusteredVectors.Generate(500, Dim, clusters: 5, seed: 4);
        using var rows = VectorRows.FromArray(data, Dim);
        var live = Enumerable.Range(0, 500).Where(r => r % 2 == 1).Select(r => (long)r).ToList();
        using var graph = HnswIndex.Build(rows, RowFilter.Only(rows.Rows, live), new VectorIndexOptions());

        var hits = graph.Search(data.AsSpan(0, Dim), 50);

        Assert.Equal(250, graph.Count);
        Assert.All(hits, h => Assert.Equal(1, h.Row % 2));
    }

    [Theory]
    [InlineData(VectorIndexKind.Auto, 19_999, VectorIndexKind.Exact)]
    [InlineData(VectorIndexKind.Auto, 20_000, VectorIndexKind.Hnsw)]
    [InlineData(VectorIndexKind.Exact, 5_000_000, VectorIndexKind.Exact)]
    [InlineData(VectorIndexKind.Hnsw, 10, VectorIndexKind.Hnsw)]
    public void Small_collections_are_searched_exactly_by_default(VectorIndexKind asked, long count, VectorIndexKind used)
    {
        Assert.Equal(used, new VectorIndexOptions { Kind = asked }.Resolve(count));
    }

    [Fact]
    public void A_saved_graph_answers_a_large_batch_on_all_cores()
    {
        float[] data = ClusteredVectors.Generate(2000, Dim, clusters: 20, seed: 9);
        using var rows = VectorRows.FromArray(data, Dim);
        string path = temp.PathOf("batch.hnsw");
        using (var graph = HnswIndex.Build(rows, null, new VectorIndexOptions()))
        {
            graph.Save(path);
        }

        using var opened = HnswIndex.Open(path, new VectorIndexOptions());
        var batch = opened.SearchBatch(data, 5);

        Assert.Equal(2000, batch.Count);
        Assert.All(batch, hits => Assert.Equal(5, hits.Count));
    }
}
