using Itm.Index.Catalog;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Storage;

/// <summary>Opening an index: another model, another folder or another writer are refused with what to do.</summary>
public sealed class IndexFolderTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;

    public IndexFolderTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        images.WriteMany(8);
        db = temp.PathOf("db");
        TestIndex.Run(db, images.Root, new FakeEmbedder());
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Another_model_is_refused_with_a_message_that_says_to_reembed()
    {
        var other = TestIndex.Identity(images.Root, fingerprint: "fake-model-2", modelDir: "/models/retrained");

        var error = Assert.Throws<IndexFolderException>(() => IndexFolder.Open(db, other, reembed: false));

        Assert.Equal(IndexProblem.ModelMismatch, error.Problem);
        Assert.Contains("--reembed", error.Message);
        Assert.Contains("/models/fake", error.Message);
        Assert.Contains("/models/retrained", error.Message);
    }

    [Fact]
    public void Reembed_starts_the_index_over_for_the_new_model()
    {
        var other = TestIndex.Identity(images.Root, fingerprint: "fake-model-2");
        using (var folder = IndexFolder.Open(db, other, reembed: true))
        {
            Assert.Empty(folder.Catalog.Images());
            Assert.Equal(2, folder.State.Images.Generation);
            Assert.Equal("fake-model-2", folder.Identity.ModelFingerprint);
        }

        Assert.False(File.Exists(IndexFiles.Vectors(db, VectorCollection.Images, 1)));
        using (var reopened = IndexFolder.Open(db, other, reembed: false))
        {
            var embedder = new FakeEmbedder();
            var report = new Itm.Index.Indexing.IncrementalIndexer(reopened, embedder, embedder).Run(null);
            Assert.Equal(8, report.Embedded);
        }
    }

    [Fact]
    public void Another_images_folder_is_refused()
    {
        var elsewhere = TestIndex.Identity(temp.PathOf("other-images"));
        var error = Assert.Throws<IndexFolderException>(() => IndexFolder.Open(db, elsewhere, reembed: false));
        Assert.Equal(IndexProblem.ImagesRootMismatch, error.Problem);
        Assert.Contains("--db", error.Message);
    }

    [Fact]
    public void The_same_model_moved_to_another_folder_is_accepted_and_remembered()
    {
        var moved = TestIndex.Identity(images.Root, modelDir: "/models/moved");
        using (var folder = IndexFolder.Open(db, moved, reembed: false))
        {
            Assert.Equal(8, folder.Catalog.Images().Count);
        }

        using var reader = IndexReader.Open(db);
        Assert.Equal("/models/moved", reader.Identity.ModelDir);
    }

    [Fact]
    public void A_second_writer_is_refused_while_the_first_holds_the_index()
    {
        using var first = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false);
        var error = Assert.Throws<IndexFolderException>(() => IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false));
        Assert.Equal(IndexProblem.Locked, error.Problem);
    }

    [Fact]
    public void A_reader_can_query_while_a_writer_holds_the_index()
    {
        using var writer = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false);
        using var reader = IndexReader.Open(db);
        Assert.Equal(8, reader.ImageCount);
    }

    [Fact]
    public void A_folder_without_an_index_says_how_to_build_one()
    {
        var error = Assert.Throws<IndexFolderException>(() => IndexReader.Open(temp.PathOf("empty")));
        Assert.Equal(IndexProblem.NotAnIndex, error.Problem);
        Assert.Contains("itm index", error.Message);
    }

    [Fact]
    public void Another_programs_sqlite_database_as_catalog_is_refused_naming_the_file()
    {
        // The shape afl-fuzz found (fuzz/regressions/catalog): SQLite's "no such table" used to escape as SqliteException.
        string folder = temp.PathOf("foreign");
        Directory.CreateDirectory(folder);
        string catalog = IndexFiles.Catalog(folder);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE t (x);";
            create.ExecuteNonQuery();
        }

        var error = Assert.Throws<IndexFolderException>(() => IndexReader.Open(folder));
        Assert.Equal(IndexProblem.NotAnIndex, error.Problem);
        Assert.Contains(catalog, error.Message);
        Assert.Contains("not an itm catalog", error.Message);
    }

    [Theory]
    [InlineData("DELETE FROM meta WHERE key = 'model_dir';", "has no 'model_dir'")]
    [InlineData("UPDATE meta SET value = '10x' WHERE key = 'images.committed_rows';", "'images.committed_rows' is '10x', not a whole number")]
    [InlineData("UPDATE meta SET value = '0' WHERE key = 'dimension';", "'dimension' is 0, not a vector size")]
    public void A_catalog_with_bad_bookkeeping_is_reported_as_damage_naming_the_file(string edit, string problem)
    {
        // Shapes afl-fuzz found (fuzz/regressions/catalog): these used to escape as KeyNotFoundException or FormatException.
        string catalog = IndexFiles.Catalog(db);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = edit;
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var error = Assert.Throws<IndexFolderException>(() => IndexReader.Open(db));
        Assert.Equal(IndexProblem.Damaged, error.Problem);
        Assert.Contains(catalog, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_catalog_row_past_the_vector_file_is_reported_as_damage_naming_the_file()
    {
        // The shape afl-fuzz found (fuzz/regressions/catalog): RowFilter used to throw IndexOutOfRangeException.
        string catalog = IndexFiles.Catalog(db);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE images SET vector_row = 1000 WHERE id = (SELECT min(id) FROM images WHERE vector_row IS NOT NULL);";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        using var reader = IndexReader.Open(db);
        var error = Assert.Throws<IndexFolderException>(reader.OpenFiles);
        Assert.Equal(IndexProblem.Damaged, error.Problem);
        Assert.Contains(catalog, error.Message);
        Assert.Contains("vector row 1000", error.Message);
    }

    [Fact]
    public void A_missing_vector_file_with_committed_rows_is_reported_as_damage()
    {
        File.Delete(IndexFiles.Vectors(db, VectorCollection.Images, 1));
        var error = Assert.Throws<IndexFolderException>(() => IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false));
        Assert.Equal(IndexProblem.Damaged, error.Problem);
        Assert.Contains("--reembed", error.Message);
    }
}
