using System.Text.Json;
using Itm.Data;
using Itm.Data.Ranking;
using Itm.Index.Export;
using Itm.Index.Indexing;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Indexing;

/// <summary>
/// An index that centres its image vectors on its collection (<see cref="ImageCentring.Collection"/>): the centre is
/// chosen once, before the first vector is stored, and every vector it ever stores is centred on that one centre.
/// </summary>
public sealed class CentredIndexingTests : IDisposable
{
    private static readonly IndexerOptions Centred = new() { Centring = ImageCentring.Collection };

    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;

    public CentredIndexingTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        db = temp.PathOf("db");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_new_index_stores_each_vector_centred_on_the_mean_of_the_collection()
    {
        var paths = images.WriteMany(12);

        var report = TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);

        Assert.True(report.Centred);
        Assert.False(TestIndex.Run(temp.PathOf("plain"), images.Root, new FakeEmbedder()).Centred);

        var raw = paths.SelectMany(path => FakeEmbedder.VectorOf(File.ReadAllBytes(path))).ToArray();
        var expected = CollectionCentre.Estimate(raw, FakeEmbedder.Dimension, [1.0]);
        using var reader = IndexReader.Open(db);
        Assert.True(Close(expected, reader.State.ImageCentre!));
        foreach (var (relative, (_, vector)) in TestIndex.Contents(db))
        {
            var own = FakeEmbedder.VectorOf(File.ReadAllBytes(Path.Combine(images.Root, relative)));
            AssertClose(expected.Centred(own), vector!);
        }
    }

    [Fact]
    public void Later_runs_centre_new_images_on_the_centre_the_first_run_chose()
    {
        images.WriteMany(6);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);
        var first = ReadCentre();
        string added = images.Write("new/late.png", "a late picture");

        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);

        Assert.True(Close(first!, ReadCentre()!));
        AssertClose(first!.Centred(FakeEmbedder.VectorOf(File.ReadAllBytes(added))), TestIndex.Contents(db)["new/late.png"].Vector!);
    }

    [Fact]
    public void A_centre_from_a_handful_of_images_is_estimated_again_once_the_collection_has_grown_four_times()
    {
        // Given an index begun on two images
        images.WriteMany(2);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);
        Assert.Equal(2, ReadCentre()!.Images);

        // When a run adds six more and deletes one (7 live: less than 4 × 2), nothing is estimated again
        images.WriteMany(6, prefix: "more");
        File.Delete(Path.Combine(images.Root, "b/img001.png"));
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);
        Assert.Equal(2, ReadCentre()!.Images);

        // When the next brings it to 8 or more, the centre is estimated from the stored vectors of all of them, and every
        // vector is stored centred on it, as if the index had been built from the whole folder at once
        images.WriteMany(3, prefix: "late");
        var events = new List<IndexEvent>();
        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false))
        {
            var embedder = new FakeEmbedder();
            new IncrementalIndexer(folder, embedder, embedder, Centred).Run(null, new InlineProgress<IndexEvent>(events.Add));
        }

        var files = Directory.EnumerateFiles(images.Root, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var raw = files.SelectMany(path => FakeEmbedder.VectorOf(File.ReadAllBytes(path))).ToArray();
        var expected = CollectionCentre.Estimate(raw, FakeEmbedder.Dimension, [1.0]);
        var centre = ReadCentre()!;
        Assert.Equal(10, centre.Images);
        Assert.True(Close(expected, centre));
        var contents = TestIndex.Contents(db);
        Assert.Equal(10, contents.Count);
        foreach (string path in files)
        {
            AssertClose(centre.Centred(FakeEmbedder.VectorOf(File.ReadAllBytes(path))), contents[Path.GetRelativePath(images.Root, path)].Vector!);
        }

        Assert.Contains(events.OfType<IndexNotice>(), notice => notice.Message.Contains("from 2 to 10 images", StringComparison.Ordinal));
        using var reader = IndexReader.Open(db);
        Assert.Equal(10, reader.State.Images.Rows);   // rewritten without the deleted image's row
    }

    [Fact]
    public void A_crash_while_centring_again_leaves_the_old_centre_and_vectors_and_the_next_run_does_it()
    {
        images.WriteMany(2);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);
        images.WriteMany(8, prefix: "more");
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred with { RecentreGrowth = 1000 });
        var before = TestIndex.Contents(db);

        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false))
        {
            folder.FaultInjection = phase => throw new IOException($"killed at {phase}");
            Assert.Throws<IOException>(() => folder.RecentreImages(256));
        }

        Assert.Equal(2, ReadCentre()!.Images);
        Assert.Equal(before.Select(e => (e.Key, e.Value.Vector)), TestIndex.Contents(db).Select(e => (e.Key, e.Value.Vector)));
        Assert.True(IndexVerifier.Verify(db).IsWhole);

        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);

        Assert.Equal(10, ReadCentre()!.Images);
        Assert.True(IndexVerifier.Verify(db).IsWhole);
    }

    [Fact]
    public void An_index_that_has_uncentred_vectors_keeps_them_so()
    {
        var paths = images.WriteMany(4);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        string added = images.Write("new/late.png", "a late picture");

        var events = new List<IndexEvent>();
        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false))
        {
            var embedder = new FakeEmbedder();
            new IncrementalIndexer(folder, embedder, embedder, Centred).Run(null, new InlineProgress<IndexEvent>(events.Add));
        }

        Assert.Null(ReadCentre());
        Assert.Contains(events.OfType<IndexNotice>(), notice => notice.Message.Contains("not centred", StringComparison.Ordinal) && notice.Message.Contains("--reembed", StringComparison.Ordinal));
        Assert.Equal(FakeEmbedder.VectorOf(File.ReadAllBytes(added)), TestIndex.Contents(db)["new/late.png"].Vector);
        Assert.Equal(FakeEmbedder.VectorOf(File.ReadAllBytes(paths[0])), TestIndex.Contents(db)["a/img000.png"].Vector);
    }

    [Fact]
    public void Re_embedding_chooses_the_centre_again()
    {
        images.WriteMany(5);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        images.WriteMany(5, prefix: "more");

        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: true))
        {
            new IncrementalIndexer(folder, new FakeEmbedder(), new FakeEmbedder(), Centred).Run(null);
        }

        var raw = Directory.EnumerateFiles(images.Root, "*.png", SearchOption.AllDirectories)
            .SelectMany(path => FakeEmbedder.VectorOf(File.ReadAllBytes(path))).ToArray();
        Assert.True(Close(CollectionCentre.Estimate(raw, FakeEmbedder.Dimension, [1.0]), ReadCentre()!));
    }

    [Fact]
    public void The_centre_is_estimated_from_a_sample_and_searched_against_as_stored()
    {
        images.WriteMany(10);
        var embedder = new FakeEmbedder();

        TestIndex.Run(db, images.Root, embedder, Centred with { CentreSample = 3 });

        Assert.Equal(13, embedder.ImagesEmbedded);   // the 3 of the sample, then all 10
        var query = FakeEmbedder.VectorOf("a query"u8.ToArray());
        using var reader = IndexReader.Open(db);
        var contents = TestIndex.Contents(db);
        foreach (var hit in reader.SearchImages(query, 10))
        {
            float dot = query.Zip(contents[hit.Image.Path].Vector!, (a, b) => a * b).Sum();
            Assert.Equal(dot, hit.Score, 4);
        }
    }

    [Fact]
    public void A_first_run_with_no_readable_image_chooses_no_centre_and_the_next_does()
    {
        images.Write("a/broken.png", "broken bytes");
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);
        Assert.Null(ReadCentre());

        images.WriteMany(3);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);

        Assert.NotNull(ReadCentre());
    }

    [Fact]
    public void An_export_gives_the_centre_its_image_vectors_are_centred_on()
    {
        images.WriteMany(5);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Centred);
        string uncentredDb = temp.PathOf("uncentred");
        TestIndex.Run(uncentredDb, images.Root, new FakeEmbedder());

        using var reader = IndexReader.Open(db);
        EmbeddingExport.Write(reader, temp.PathOf("export"));
        using var uncentredReader = IndexReader.Open(uncentredDb);
        EmbeddingExport.Write(uncentredReader, temp.PathOf("uncentred-export"));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.PathOf("export"), EmbeddingExport.Manifest)));
        var centre = manifest.RootElement.GetProperty("image_centre");
        Assert.Equal(reader.State.ImageCentre!.Mean.ToArray(), centre.GetProperty("mean").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal([1.0], centre.GetProperty("part_shares").EnumerateArray().Select(v => v.GetDouble()));
        using var plain = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.PathOf("uncentred-export"), EmbeddingExport.Manifest)));
        Assert.Equal(JsonValueKind.Null, plain.RootElement.GetProperty("image_centre").ValueKind);
    }

    private CollectionCentre? ReadCentre()
    {
        using var reader = IndexReader.Open(db);
        return reader.State.ImageCentre;
    }

    private static bool Close(CollectionCentre a, CollectionCentre b) =>
        a.Dimension == b.Dimension && Enumerable.Range(0, a.Dimension).All(d => Math.Abs(a.Mean[d] - b.Mean[d]) < 1e-4);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }
}
