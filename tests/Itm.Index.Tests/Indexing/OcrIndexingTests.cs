using Itm.Data.Images.Ocr;
using Itm.Data.Text;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Tests.Indexing;

/// <summary><c>itm index --ocr</c>: the words read inside images are kept with their rows, incrementally, in old indexes too.</summary>
public sealed class OcrIndexingTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;

    public OcrIndexingTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        db = temp.PathOf("db");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void An_index_built_before_ocr_gets_the_words_of_every_image_on_its_first_ocr_run()
    {
        // Given an index written without --ocr by an itm that had no words table
        images.WriteMany(6);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        DropWordsTable();
        Assert.Empty(Words());

        // When it is run with --ocr, nothing changed on disk
        var reader = new FakeTextReader();
        var report = TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { ImageText = reader });

        // Then nothing is embedded again, and every image has the words read from its file
        Assert.Equal(0, report.Embedded);
        Assert.Equal(6, reader.Read);
        var words = Words();
        Assert.Equal(6, words.Count);
        Assert.Equal(["img", "0"], words["a/img000.png"]);

        // And a second --ocr run reads nothing
        var again = new FakeTextReader();
        TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { ImageText = again });
        Assert.Equal(0, again.Read);
    }

    [Fact]
    public void Changed_files_are_read_again_deleted_ones_lose_their_words_and_unchanged_ones_keep_them()
    {
        images.WriteMany(4);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { ImageText = new FakeTextReader() });
        images.Write("a/img000.png", "fresh bread");
        File.Delete(Path.Combine(images.Root, "b/img001.png"));
        var reader = new FakeTextReader();

        TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { ImageText = reader });

        var words = Words();
        Assert.Equal(1, reader.Read);
        Assert.Equal(["fresh", "bread"], words["a/img000.png"]);
        Assert.False(words.ContainsKey("b/img001.png"));
        Assert.Equal(["img", "2"], words["c/img002.png"]);
        Assert.Equal(3, QueryCount("SELECT count(*) FROM image_words"));
    }

    [Fact]
    public void A_run_without_ocr_drops_a_changed_files_old_words_and_the_next_ocr_run_reads_it()
    {
        images.WriteMany(3);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { ImageText = new FakeTextReader() });
        images.Write("a/img000.png", "new sign");

        TestIndex.Run(db, images.Root, new FakeEmbedder());
        Assert.False(Words().ContainsKey("a/img000.png"));
        Assert.Equal(["img", "1"], Words()["b/img001.png"]);

        TestIndex.Run(db, images.Root, new FakeEmbedder(), new IndexerOptions { ImageText = new FakeTextReader() });
        Assert.Equal(["new", "sign"], Words()["a/img000.png"]);
    }

    [Fact]
    public void A_read_only_catalog_of_an_index_without_the_table_answers_no_words()
    {
        images.WriteMany(2);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        DropWordsTable();

        using var catalog = IndexCatalog.Open(IndexFiles.Catalog(db), readOnly: true);

        Assert.Empty(catalog.Words(catalog.Images().Select(i => i.Id)));
        Assert.Equal(0, catalog.ImagesWithWords());
    }

    [Fact]
    public void A_word_search_reads_the_rows_of_images_with_words_not_every_image()
    {
        // Without --ocr image_words is empty, and every text search asks it for the query's words: the plan must start
        // from image_words and look each image up by its key, never walk the images table.
        images.WriteMany(3);
        TestIndex.Run(db, images.Root, new FakeEmbedder());
        using var connection = new SqliteConnection($"Data Source={IndexFiles.Catalog(db)};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + IndexCatalog.ImagesWithAnyWordSql(2);
        explain.Parameters.AddWithValue("$w0", " fresh ");
        explain.Parameters.AddWithValue("$w1", " bread ");

        var plan = new List<string>();
        using (var reader = explain.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.StartsWith("SCAN w", plan[0], StringComparison.Ordinal);
        Assert.Contains(plan, step => step.StartsWith("SEARCH i USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN i", StringComparison.Ordinal));
    }

    private IReadOnlyDictionary<string, IReadOnlyList<string>> Words()
    {
        using var catalog = IndexCatalog.Open(IndexFiles.Catalog(db), readOnly: true);
        var all = catalog.Images();
        var words = catalog.Words(all.Select(i => i.Id));
        return all.Where(i => words.ContainsKey(i.Id)).ToDictionary(i => i.Path, i => words[i.Id], StringComparer.Ordinal);
    }

    private void DropWordsTable()
    {
        using var connection = new SqliteConnection($"Data Source={IndexFiles.Catalog(db)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER image_words_on_delete; DROP TRIGGER image_words_on_change; DROP TABLE image_words;";
        command.ExecuteNonQuery();
    }

    private long QueryCount(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={IndexFiles.Catalog(db)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>"Reads" a file's text content as the words inside it.</summary>
    private sealed class FakeTextReader : IImageTextReader
    {
        public int Read { get; private set; }

        IReadOnlyList<IReadOnlyList<string>> IImageTextReader.Read(IReadOnlyList<string> paths, CancellationToken cancellation)
        {
            Read += paths.Count;
            return [.. paths.Select(path => Tokenizer.Tokenize(File.ReadAllText(path)))];
        }
    }
}
