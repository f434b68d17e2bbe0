using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;
using Itm.Index.Vectors;

namespace Itm.Index.Tests.Indexing;

/// <summary>
/// The seam a scale-out backend plugs into (Itm.Index.Garnet's, tested with real nodes there): the indexer binds and
/// syncs through it, unbinds on --backend embedded, and a reader asks it first; without one the folder answers.
/// </summary>
public sealed class IndexMirrorTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;

    public IndexMirrorTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        db = temp.PathOf("db");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_bound_folder_is_synced_and_checkpointed_after_every_run_and_searched_through_the_mirror()
    {
        images.WriteMany(12);
        var mirror = new RecordingMirror();

        var first = TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { Backend = IndexBackend.Garnet, Mirror = mirror });
        var second = TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { Mirror = mirror });

        Assert.Equal(VectorIndexKind.Garnet, first.ImageSearch);
        Assert.Equal(VectorIndexKind.Garnet, second.ImageSearch);
        // Each run syncs images and captions, then asks for one checkpoint once both are synced.
        Assert.Equal(["sync Images", "sync Captions", "checkpoint", "sync Images", "sync Captions", "checkpoint"], mirror.Calls);
        using var reader = IndexReader.Open(db, mirror: mirror);
        Assert.Equal(10, reader.SearchImages(new float[FakeEmbedder.Dimension], 10).Count);
        Assert.Equal([VectorCollection.Images], mirror.Opened);
    }

    [Fact]
    public void A_run_whose_sync_fails_asks_for_a_checkpoint_before_it_fails()
    {
        images.WriteMany(5);
        var mirror = new RecordingMirror { FailSyncOf = VectorCollection.Captions };

        var error = Assert.Throws<IndexFolderException>(
            () => TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { Backend = IndexBackend.Garnet, Mirror = mirror }));

        Assert.Equal(IndexProblem.BackendUnavailable, error.Problem);
        Assert.Equal(["sync Images", "sync Captions", "checkpoint"], mirror.Calls);
        Assert.Equal(0, IndexReader.FinishedRuns(db));
    }

    [Fact]
    public void Backend_embedded_unbinds_and_a_folder_without_a_mirror_answers_itself()
    {
        images.WriteMany(5);
        var mirror = new RecordingMirror();
        TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { Backend = IndexBackend.Garnet, Mirror = mirror });

        var report = TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { Backend = IndexBackend.Embedded, Mirror = mirror });

        Assert.False(mirror.Bound);
        Assert.Equal(VectorIndexKind.Exact, report.ImageSearch);
        using var reader = IndexReader.Open(db);
        Assert.Equal(VectorIndexKind.Exact, reader.ImageSearchKind);
    }

    [Fact]
    public void A_backend_that_was_not_given_fails_before_any_work()
    {
        images.WriteMany(5);
        var embedder = new FakeEmbedder();

        var error = Assert.Throws<ArgumentException>(() => TestIndex.Run(db, images.Root, embedder, new IndexerOptions { Backend = IndexBackend.Garnet }));

        Assert.Contains("--backend garnet", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, embedder.ImagesEmbedded);
    }

    /// <summary>A backend that holds nothing: it records what it is asked, and its "copy" is the folder's own rows.</summary>
    private sealed class RecordingMirror : IIndexMirror, IMirrorWriter, IMirrorReader
    {
        public bool Bound { get; private set; }

        public List<string> Calls { get; } = [];

        public List<VectorCollection> Opened { get; } = [];

        /// <summary>A collection whose sync fails as a node that went down makes it fail.</summary>
        public VectorCollection? FailSyncOf { get; init; }

        public IndexBackend Backend => IndexBackend.Garnet;

        public bool IsBound(IndexCatalog catalog) => Bound;

        public IMirrorWriter Bind(IndexFolder folder)
        {
            Bound = true;
            return this;
        }

        public void Unbind(IndexFolder folder, IProgress<IndexEvent>? progress) => Bound = false;

        public IMirrorReader? OpenReader(string folder, IndexCatalog catalog, IndexIdentity identity) => Bound ? this : null;

        public VectorIndexKind Sync(VectorCollection collection, IProgress<IndexEvent>? progress, CancellationToken cancellation)
        {
            Calls.Add($"sync {collection}");
            return collection == FailSyncOf
                ? throw new IndexFolderException("Garnet node 127.0.0.1:7001 did not answer.", IndexProblem.BackendUnavailable)
                : VectorIndexKind.Garnet;
        }

        public void Checkpoint(IProgress<IndexEvent>? progress) => Calls.Add("checkpoint");

        public IVectorIndex? Open(VectorCollection collection, CollectionState state, RowFilter live, VectorRows rows)
        {
            Opened.Add(collection);
            return new ExactIndex(rows, live);
        }

        public void Dispose()
        {
        }
    }
}
