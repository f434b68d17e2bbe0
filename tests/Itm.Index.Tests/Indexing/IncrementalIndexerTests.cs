using Itm.Index.Captions;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Indexing;

/// <summary>Indexing runs over a changing folder: each kind of change is handled, and nothing else is redone.</summary>
public sealed class IncrementalIndexerTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;

    public IncrementalIndexerTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        db = temp.PathOf("db");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_rerun_on_an_unchanged_folder_embeds_nothing()
    {
        images.WriteMany(20);
        var first = TestIndex.Run(db, images.Root, new FakeEmbedder());
        var embedder = new FakeEmbedder();

        var second = TestIndex.Run(db, images.Root, embedder);

        Assert.Equal(20, first.Embedded);
        Assert.Equal((0, 0, 0, 20), (second.New, second.Changed, second.Deleted, second.Unchanged));
        Assert.Equal(0, embedder.ImagesEmbedded);
        Assert.Equal(20, second.Images);
    }

    [Fact]
    public void A_changed_a_new_and_a_deleted_file_are_each_handled()
    {
        images.WriteMany(10);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        var before = TestIndex.Contents(db);
        string changed = images.Write("a/img000.png", "img 0, edited");
        string added = images.Write("new/fresh.png", "fresh");
        File.Delete(Path.Combine(images.Root, "b/img001.png"));
        var embedder = new FakeEmbedder();

        var report = TestIndex.Run(db, images.Root, embedder);

        Assert.Equal((1, 1, 1, 8), (report.New, report.Changed, report.Deleted, report.Unchanged));
        Assert.Equal(2, embedder.ImagesEmbedded);
        var after = TestIndex.Contents(db);
        Assert.False(after.ContainsKey("b/img001.png"));
        Assert.Equal(FakeEmbedder.VectorOf(File.ReadAllBytes(added)), after["new/fresh.png"].Vector);
        Assert.Equal(FakeEmbedder.VectorOf(File.ReadAllBytes(changed)), after["a/img000.png"].Vector);
        Assert.Equal(before["a/img000.png"].Image.Id, after["a/img000.png"].Image.Id); // an edited file keeps its id
        Assert.Equal(before["c/img002.png"].Image, after["c/img002.png"].Image);
        Assert.Equal(before["c/img002.png"].Vector, after["c/img002.png"].Vector);

        // Searching finds the edited file by its new content, and never the deleted one.
        using var reader = IndexReader.Open(db);
        var hits = reader.SearchImages(FakeEmbedder.VectorOf(File.ReadAllBytes(changed)), 20);
        Assert.Equal("a/img000.png", hits[0].Image.Path);
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.DoesNotContain(hits, h => h.Image.Path == "b/img001.png");
        Assert.Equal(10, hits.Count);
    }

    [Fact]
    public void Unreadable_files_are_skipped_named_and_not_retried_until_they_change()
    {
        images.WriteMany(5);
        string broken = images.Write("b/broken.png", "broken bytes");

        var first = TestIndex.Run(db, images.Root, new FakeEmbedder());
        var second = TestIndex.Run(db, images.Root, new FakeEmbedder());
        images.Write("b/broken.png", "repaired");
        var third = TestIndex.Run(db, images.Root, new FakeEmbedder());

        var skipped = Assert.Single(first.Unreadable);
        Assert.Equal(broken, skipped.Path);
        Assert.Equal(5, first.Images);
        Assert.Empty(second.Unreadable);
        Assert.Equal(broken, Assert.Single(second.StillUnreadable).Path);
        Assert.Equal(0, second.Embedded);
        Assert.Equal(1, third.Changed);
        Assert.Equal(6, third.Images);
    }

    [Fact]
    public void Captions_are_diffed_by_text_and_a_rerun_with_the_same_file_does_nothing()
    {
        images.WriteMany(3);
        string file = temp.Write("captions.txt", "a red apple\n\na green pear\na red apple\n  a blue car  \n");
        var embedder = new FakeEmbedder();
        var first = TestIndex.Run(db, images.Root, embedder, captions: CaptionCorpus.Read(file));
        var again = TestIndex.Run(db, images.Root, embedder, captions: CaptionCorpus.Read(file));
        temp.Write("captions.txt", "a green pear\na blue car\na yellow boat\n");
        var edited = TestIndex.Run(db, images.Root, embedder, captions: CaptionCorpus.Read(file));

        Assert.Equal((3, 0, 3L), (first.CaptionsAdded, first.CaptionsRemoved, first.Captions));
        Assert.Equal((0, 0, 3L), (again.CaptionsAdded, again.CaptionsRemoved, again.Captions));
        Assert.Equal((1, 1, 3L), (edited.CaptionsAdded, edited.CaptionsRemoved, edited.Captions));
        Assert.Equal(4, embedder.SentencesEmbedded);

        using var reader = IndexReader.Open(db);
        var best = reader.SearchCaptions(FakeEmbedder.VectorOf("a yellow boat"u8.ToArray()), 3);
        Assert.Equal("a yellow boat", best[0].Caption.Text);
        Assert.DoesNotContain(best, c => c.Caption.Text == "a red apple");
    }

    [Fact]
    public void Deleting_most_images_compacts_the_vector_file_and_search_still_finds_the_rest()
    {
        var paths = images.WriteMany(40);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        foreach (string path in paths.Skip(10))
        {
            File.Delete(path);
        }

        var report = TestIndex.Run(db, images.Root, new FakeEmbedder());

        Assert.Equal(30, report.CompactedRows);
        Assert.False(File.Exists(IndexFiles.Vectors(db, VectorCollection.Images, 1)));
        Assert.True(File.Exists(IndexFiles.Vectors(db, VectorCollection.Images, 2)));
        var contents = TestIndex.Contents(db);
        Assert.Equal(10, contents.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long?)i), contents.Values.Select(v => v.Image.VectorRow).Order());
        foreach (string path in paths.Take(10))
        {
            using var reader = IndexReader.Open(db);
            var hit = reader.SearchImages(FakeEmbedder.VectorOf(File.ReadAllBytes(path)), 1)[0];
            Assert.Equal(Path.GetRelativePath(images.Root, path), hit.Image.Path);
            Assert.Equal(1f, hit.Score, 5);
        }
    }

    [Fact]
    public void A_large_collection_gets_a_saved_graph_that_queries_use_until_it_goes_stale()
    {
        images.WriteMany(60);
        var options = new IndexerOptions { Search = new VectorIndexOptions { HnswThreshold = 50 } };

        var report = TestIndex.Run(db, images.Root, new FakeEmbedder(), options);

        Assert.Equal(VectorIndexKind.Hnsw, report.ImageSearch);
        Assert.True(File.Exists(IndexFiles.Graph(db, VectorCollection.Images)));
        using (var reader = IndexReader.Open(db, options.Search))
        {
            Assert.Equal(VectorIndexKind.Hnsw, reader.ImageSearchKind);
        }

        // A commit the graph has not seen (a run killed before rebuilding it): queries fall back to the exact scan.
        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false))
        {
            folder.RemoveImages(["a/img000.png"]);
        }

        using (var reader = IndexReader.Open(db, options.Search))
        {
            Assert.Equal(VectorIndexKind.Exact, reader.ImageSearchKind);
            Assert.Equal(59, reader.ImageCount);
        }
    }
}
