using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Live;

/// <summary>
/// What the live index rests on: the catalog counts finished runs (and only finished ones) without touching what the
/// graph and the backend copy are checked against, and a reader that has opened its files keeps answering from its
/// snapshot after a later run compacts them away or replaces the graph.
/// </summary>
public sealed class FinishedRunsTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;

    public FinishedRunsTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        db = temp.PathOf("db");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Each_finished_run_counts_once_and_a_cancelled_run_not_at_all()
    {
        images.WriteMany(6);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        Assert.Equal(2, IndexReader.FinishedRuns(db));

        images.WriteMany(4, prefix: "more");
        using var cancel = new CancellationTokenSource();
        var embedder = new FakeEmbedder { BeforeBatch = _ => cancel.Cancel() };
        Assert.ThrowsAny<OperationCanceledException>(() => TestIndex.Run(db, images.Root, embedder, new IndexerOptions { BatchSize = 2 }, cancellation: cancel.Token));

        Assert.Equal(2, IndexReader.FinishedRuns(db));
        using var reader = IndexReader.Open(db);
        Assert.Equal(2, reader.State.FinishedRuns);
    }

    [Fact]
    public void Counting_a_run_leaves_the_saved_graph_current()
    {
        images.WriteMany(30);
        var options = new IndexerOptions { Search = new VectorIndexOptions { Kind = VectorIndexKind.Hnsw } };
        TestIndex.Run(db, images.Root, new FakeEmbedder(), options);

        using var reader = IndexReader.Open(db, options.Search);
        Assert.True(reader.State.Images.HasCurrentGraph);
        Assert.Equal(VectorIndexKind.Hnsw, reader.ImageSearchKind);
    }

    [Fact]
    public void A_reader_with_its_files_open_answers_from_its_snapshot_after_a_compaction_deletes_them()
    {
        var paths = images.WriteMany(20);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        using var old = IndexReader.Open(db);
        old.OpenFiles();
        var query = FakeEmbedder.VectorOf(File.ReadAllBytes(paths[19]));
        var before = old.SearchImages(query, 20).Select(hit => (hit.Image.Id, hit.Score)).ToList();

        foreach (string path in paths.Take(10))
        {
            File.Delete(path);
        }

        var report = TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { CompactWhenDeadFraction = 0 });

        Assert.Equal(10, report.CompactedRows);
        Assert.False(File.Exists(IndexFiles.Vectors(db, VectorCollection.Images, old.State.Images.Generation)));
        Assert.Equal(before, old.SearchImages(query, 20).Select(hit => (hit.Image.Id, hit.Score)).ToList());
        using var now = IndexReader.Open(db);
        Assert.Equal(10, now.ImageCount);
        Assert.Equal(old.State.FinishedRuns + 1, now.State.FinishedRuns);
    }
}
