using Itm.Index.Captions;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;
using Itm.Index.Vectors;

namespace Itm.Index.Tests.Indexing;

/// <summary>
/// Index folders whose vector files store float16: half the bytes, the same answers to within float16's rounding,
/// and a switch either way that rewrites the vectors without embedding anything again, finished by the next writer
/// when a run is killed part-way.
/// </summary>
public sealed class VectorPrecisionIndexingTests : IDisposable
{
    private static readonly IndexerOptions Float16 = new() { VectorPrecision = VectorPrecision.Float16 };

    private readonly TempFolder temp = new();
    private readonly ImageFolder images;

    public VectorPrecisionIndexingTests() => images = new ImageFolder(temp.PathOf("images"));

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_float16_index_takes_half_the_bytes_and_answers_as_the_float32_one_does_to_float16_rounding()
    {
        var paths = images.WriteMany(80);
        string wide = temp.PathOf("wide");
        string narrow = temp.PathOf("narrow");
        var graph = new VectorIndexOptions { HnswThreshold = 50, Precision = HnswPrecision.Int8 };
        TestIndex.Run(wide, images.Root, new FakeEmbedder(), new IndexerOptions { Search = graph });
        TestIndex.Run(narrow, images.Root, new FakeEmbedder(), Float16 with { Search = graph });

        long vectorBytes = 80L * FakeEmbedder.Dimension;
        Assert.Equal(VectorFileHeader.Length + (vectorBytes * 4), new FileInfo(IndexFiles.Vectors(wide, VectorCollection.Images, 1)).Length);
        Assert.Equal(VectorFileHeader.Length + (vectorBytes * 2), new FileInfo(IndexFiles.Vectors(narrow, VectorCollection.Images, 1)).Length);
        using var wideReader = IndexReader.Open(wide, graph);
        using var narrowReader = IndexReader.Open(narrow, graph);
        Assert.Equal(VectorIndexKind.Hnsw, narrowReader.ImageSearchKind);
        foreach (string path in paths.Take(20))
        {
            float[] query = FakeEmbedder.VectorOf(File.ReadAllBytes(path));
            var expected = wideReader.SearchImages(query, 5);
            var actual = narrowReader.SearchImages(query, 5);
            Assert.Equal(Path.GetRelativePath(images.Root, path), actual[0].Image.Path);
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 0.002f));
        }

        Assert.True(IndexVerifier.Verify(narrow).IsWhole);
    }

    [Fact]
    public void Switching_precision_rewrites_the_vectors_once_embeds_nothing_and_switching_back_keeps_the_rounded_values()
    {
        var (db, captions, rounded) = IndexWithCaptions(12);
        var embedder = new FakeEmbedder();

        var report = TestIndex.Run(db, images.Root, embedder, Float16, CaptionCorpus.Read(captions));

        Assert.Equal((0, 0), (embedder.ImagesEmbedded, embedder.SentencesEmbedded));
        Assert.Equal(12, report.Unchanged);
        using (var reader = IndexReader.Open(db))
        {
            Assert.Equal(VectorPrecision.Float16, reader.State.VectorPrecision);
            Assert.Equal([.. CaptionsOf(reader)], new[] { "a green pear", "a red apple" });
        }

        AssertVectors(rounded, db);
        TestIndex.Run(db, images.Root, embedder, new IndexerOptions { VectorPrecision = VectorPrecision.Float32 });
        AssertVectors(rounded, db);
        Assert.Equal(0, embedder.ImagesEmbedded);
        Assert.True(IndexVerifier.Verify(db).IsWhole);

        // Later runs without the option keep what the index has.
        images.Write("late.png", "a late picture");
        TestIndex.Run(db, images.Root, embedder);
        using var again = IndexReader.Open(db);
        Assert.Equal(VectorPrecision.Float32, again.State.VectorPrecision);
        Assert.Equal(13, again.ImageCount);
    }

    [Fact]
    public void A_conversion_killed_between_the_two_files_is_finished_by_the_next_writer_to_open_the_index()
    {
        var (db, _, rounded) = IndexWithCaptions(6);

        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false))
        {
            int rewrites = 0;
            folder.FaultInjection = phase =>
            {
                if (phase == CommitPhase.CompactedFileWritten && ++rewrites == 2)
                {
                    throw new IOException("killed while rewriting the captions");
                }
            };
            Assert.Throws<IOException>(() => folder.ConvertVectors(VectorPrecision.Float16));
        }

        // Readers read each file at its own precision meanwhile: the images at float16, the captions still float32.
        AssertVectors(rounded, db);
        Assert.Equal(VectorPrecision.Float32, PrecisionOf(db, VectorCollection.Captions));

        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false))
        {
            Assert.Equal(VectorPrecision.Float16, folder.State.VectorPrecision);
        }

        Assert.Equal(VectorPrecision.Float16, PrecisionOf(db, VectorCollection.Captions));
        AssertVectors(rounded, db);
        Assert.True(IndexVerifier.Verify(db).IsWhole);
    }

    /// <summary>A float32 index of <paramref name="count"/> images and two captions; its image vectors rounded to float16, by path.</summary>
    private (string Db, string Captions, IReadOnlyDictionary<string, float[]> Rounded) IndexWithCaptions(int count)
    {
        images.WriteMany(count);
        string db = temp.PathOf("db");
        string captions = temp.Write("captions.txt", "a red apple\na green pear\n");
        TestIndex.Run(db, images.Root, new FakeEmbedder(), captions: CaptionCorpus.Read(captions));
        var rounded = TestIndex.Contents(db).ToDictionary(e => e.Key, e => e.Value.Vector!.Select(v => (float)(Half)v).ToArray());
        return (db, captions, rounded);
    }

    private static IEnumerable<string> CaptionsOf(IndexReader reader) => reader.Captions().Select(c => c.Text).Order(StringComparer.Ordinal);

    private static VectorPrecision PrecisionOf(string db, VectorCollection collection)
    {
        using var reader = IndexReader.Open(db);
        var state = reader.State[collection];
        using var rows = VectorRows.Map(IndexFiles.Vectors(db, collection, state.Generation), state.Rows);
        return rows.Precision;
    }

    private static void AssertVectors(IReadOnlyDictionary<string, float[]> expected, string db)
    {
        var contents = TestIndex.Contents(db);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), contents.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, contents[e.Key].Vector));
    }
}
