using Itm.Index.Indexing;
using Itm.Index.Scanning;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Indexing;

/// <summary>Ignore rules over indexing runs: an image they cover is never embedded, and one indexed before they covered it is removed.</summary>
public sealed class IgnoredImagesIndexingTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;

    public IgnoredImagesIndexingTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        db = temp.PathOf("db");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void An_itmignore_added_later_removes_what_it_covers_from_the_index_and_its_searches()
    {
        // Given an indexed folder (a/, b/, c/), then rules that leave out b/ and one file of a/
        images.WriteMany(12);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        images.Write(IgnoreRules.FileName, "b/\na/img003.png\n");
        File.Delete(Path.Combine(images.Root, "c/img002.png"));
        var embedder = new FakeEmbedder();

        // When the folder is indexed again
        var report = TestIndex.Run(db, images.Root, embedder);

        // Then the ignored images are removed (and told apart from the deleted one), nothing is embedded again
        Assert.Equal((0, 0, 1, 6), (report.New, report.Changed, report.Deleted, report.Unchanged));
        Assert.Equal((1, 1, 5), (report.IgnoredFiles, report.IgnoredFolders, report.IgnoredRemoved));
        Assert.Equal(0, embedder.ImagesEmbedded);
        Assert.Equal(6, report.Images);
        var contents = TestIndex.Contents(db);
        Assert.DoesNotContain(contents.Keys, path => path.StartsWith("b/", StringComparison.Ordinal) || path == "a/img003.png");

        // And no search finds them, not even with their own vector
        using var reader = IndexReader.Open(db);
        var hits = reader.SearchImages(FakeEmbedder.VectorOf(File.ReadAllBytes(Path.Combine(images.Root, "b/img001.png"))), 20);
        Assert.Equal(6, hits.Count);
        Assert.DoesNotContain(hits, hit => hit.Image.Path.StartsWith("b/", StringComparison.Ordinal));

        // And the next run has nothing to do
        var again = TestIndex.Run(db, images.Root, new FakeEmbedder());
        Assert.Equal((0, 0, 6), (again.Deleted, again.IgnoredRemoved, again.Unchanged));
    }

    [Fact]
    public void Exclude_holds_for_one_run_and_what_it_left_out_comes_back_without_it()
    {
        images.WriteMany(9);
        var excluding = new IndexerOptions { Exclude = ["c/"] };

        var first = TestIndex.Run(db, images.Root, new FakeEmbedder(), excluding);
        var embedder = new FakeEmbedder();
        var without = TestIndex.Run(db, images.Root, embedder);
        var again = TestIndex.Run(db, images.Root, new FakeEmbedder(), excluding);

        Assert.Equal((6, 1), (first.Embedded, first.IgnoredFolders));
        Assert.Equal((3, 3), (without.New, embedder.ImagesEmbedded));
        Assert.Equal((3, 0, 6), (again.IgnoredRemoved, again.Deleted, again.Images));
    }

    [Fact]
    public void An_exclude_that_matches_nothing_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new IndexerOptions { Exclude = ["# drafts"] }.Validate());

        Assert.Contains("\"# drafts\"", error.Message);
        Assert.Contains("\\#", error.Message);
    }
}
