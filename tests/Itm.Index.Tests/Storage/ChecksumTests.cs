using System.Security.Cryptography;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Tests.Storage;

/// <summary>
/// Bit rot in an index's files is found and named, never searched over: one flipped byte in a vector file, a saved
/// graph or the catalog. Blocks are 64 bytes here (two 8-d rows) so a small index spans many of them.
/// </summary>
public sealed class ChecksumTests : IDisposable
{
    private const int BlockBytes = 64;
    private const int Images = 41;
    private static readonly IndexerOptions Options = new() { BatchSize = 7 };
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;

    public ChecksumTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        images.WriteMany(Images);
        db = temp.PathOf("db");
        Index(db, Options);
    }

    public void Dispose() => temp.Dispose();

    private string ImageVectors => IndexFiles.Vectors(db, VectorCollection.Images, 1);

    [Fact]
    public void The_recorded_checksums_are_the_SHA256_of_each_block_of_the_file()
    {
        // 41 rows of 32 bytes committed in batches of 7: blocks extended across commits, the last one partial.
        byte[] data = File.ReadAllBytes(ImageVectors)[64..];
        Assert.Equal(Images * FakeEmbedder.Dimension * sizeof(float), data.Length);
        using var catalog = IndexCatalog.Open(IndexFiles.Catalog(db), readOnly: true);
        var recorded = catalog.AllBlockHashes(VectorCollection.Images);

        var naive = data.Chunk(BlockBytes).Select(SHA256.HashData).ToList();
        Assert.Equal(naive.Count, recorded.Count);
        for (int block = 0; block < naive.Count; block++)
        {
            Assert.Equal(naive[block], recorded[block]);
        }

        var verification = IndexVerifier.Verify(db);
        Assert.True(verification.IsWhole, string.Join("\n", verification.Problems));
        Assert.Equal(naive.Count, verification.BlocksChecked);
    }

    [Theory]
    [InlineData(0)]            // the first block: checked on every open
    [InlineData(Images - 1)]   // the last block: checked on every open and before an append extends it
    public void A_flipped_byte_at_either_end_stops_search_and_indexing_with_a_message_naming_file_and_rows(int row)
    {
        FlipByteOfRow(row);

        using (var reader = IndexReader.Open(db))
        {
            var error = Assert.Throws<IndexFolderException>(() => reader.SearchImages(new float[FakeEmbedder.Dimension], 3));
            AssertNamesTheDamage(error, row);
        }

        var writeError = Assert.Throws<IndexFolderException>(() => Index(db, Options));
        AssertNamesTheDamage(writeError, row);
    }

    [Fact]
    public void A_flipped_byte_in_the_middle_is_found_by_the_full_check_and_by_compaction()
    {
        FlipByteOfRow(17);

        var verification = IndexVerifier.Verify(db);

        var problem = Assert.Single(verification.Problems);
        Assert.Contains(ImageVectors, problem);
        Assert.Contains("rows 16–17 (block 8)", problem);

        // Compaction copies rows into a new file with new checksums: it refuses to launder damaged ones.
        foreach (string path in Directory.EnumerateFiles(images.Root, "img00*.png", SearchOption.AllDirectories))
        {
            File.Delete(path);
        }

        var error = Assert.Throws<IndexFolderException>(() => Index(db, Options with { CompactWhenDeadFraction = 0.1 }));
        AssertNamesTheDamage(error, 17);
    }

    [Fact]
    public void A_commit_checks_the_block_it_extends_before_rehashing_it()
    {
        // Row 40 is alone in the last block (two rows per block), so damage it and append after it.
        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false, BlockBytes))
        {
            FlipByteOfRow(Images - 1);
            images.Write("z/new.png", "new image");
            var embedder = new FakeEmbedder();
            var error = Assert.Throws<IndexFolderException>(() => new IncrementalIndexer(folder, embedder, embedder, Options).Run(null));
            AssertNamesTheDamage(error, Images - 1);
        }
    }

    [Fact]
    public void Rebuilding_with_reembed_as_the_message_says_gives_a_whole_index_again()
    {
        FlipByteOfRow(Images - 1);

        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: true, BlockBytes))
        {
            var embedder = new FakeEmbedder();
            Assert.Equal(Images, new IncrementalIndexer(folder, embedder, embedder, Options).Run(null).Embedded);
        }

        Assert.True(IndexVerifier.Verify(db).IsWhole);
    }

    [Fact]
    public void A_damaged_saved_graph_is_found_by_the_full_check_and_a_cut_one_on_open()
    {
        string hnsw = temp.PathOf("hnsw");
        Index(hnsw, Options with { Search = new VectorIndexOptions { HnswThreshold = 10 } });
        string graph = IndexFiles.Graph(hnsw, VectorCollection.Images);
        Assert.True(IndexVerifier.Verify(hnsw).IsWhole);

        byte[] bytes = File.ReadAllBytes(graph);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(graph, bytes);
        Assert.Contains(IndexVerifier.Verify(hnsw).Problems, p => p.Contains(graph, StringComparison.Ordinal));

        File.WriteAllBytes(graph, bytes[..(bytes.Length / 2)]);
        using var reader = IndexReader.Open(hnsw);
        var error = Assert.Throws<IndexFolderException>(() => reader.SearchImages(new float[FakeEmbedder.Dimension], 3));
        Assert.Equal(IndexProblem.Damaged, error.Problem);
        Assert.Contains(graph, error.Message);
        Assert.Contains("--reembed", error.Message);
    }

    [Fact]
    public void An_index_from_before_checksums_is_read_unchecked_and_gets_them_from_its_next_writer()
    {
        string old = temp.PathOf("old");
        TestIndex.Run(old, images.Root, new FakeEmbedder());
        MakeFormatVersion1(old);

        using (var reader = IndexReader.Open(old))
        {
            Assert.Null(reader.State.ChecksumBlockBytes);
            Assert.Equal(3, reader.SearchImages(new float[FakeEmbedder.Dimension], 3).Count);
        }

        Assert.False(IndexVerifier.Verify(old).Checksummed);
        TestIndex.Run(old, images.Root, new FakeEmbedder());

        var verification = IndexVerifier.Verify(old);
        Assert.True(verification.Checksummed);
        Assert.True(verification.IsWhole);
        Assert.Equal(1, verification.BlocksChecked);
    }

    [Fact]
    public void A_catalog_whose_structure_is_damaged_fails_the_full_check()
    {
        string catalogPath = IndexFiles.Catalog(db);
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={catalogPath};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        // Page 2 onwards holds the tables' b-trees; scribbling over a page's header breaks them.
        byte[] bytes = File.ReadAllBytes(catalogPath);
        int pageSize = (bytes[16] << 8) | bytes[17];
        for (int page = 1; page * pageSize < bytes.Length; page++)
        {
            bytes[page * pageSize] = 0xFF;
        }

        File.WriteAllBytes(catalogPath, bytes);

        var verification = IndexVerifier.Verify(db);

        Assert.False(verification.IsWhole);
        Assert.Contains(verification.Problems, p => p.Contains(catalogPath, StringComparison.Ordinal));
    }

    private void Index(string indexDir, IndexerOptions options)
    {
        using var folder = IndexFolder.Open(indexDir, TestIndex.Identity(images.Root), reembed: false, BlockBytes);
        var embedder = new FakeEmbedder();
        new IncrementalIndexer(folder, embedder, embedder, options).Run(null);
    }

    private void FlipByteOfRow(int row)
    {
        using var stream = new FileStream(ImageVectors, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Position = 64 + (row * FakeEmbedder.Dimension * sizeof(float)) + 5;
        int value = stream.ReadByte();
        stream.Position--;
        stream.WriteByte((byte)(value ^ 0x04));
    }

    private void AssertNamesTheDamage(IndexFolderException error, int row)
    {
        Assert.Equal(IndexProblem.Damaged, error.Problem);
        Assert.Contains(ImageVectors, error.Message);
        int first = row / 2 * 2;
        Assert.Contains($"rows {first}–{Math.Min(first + 1, Images - 1)}", error.Message);
        Assert.Contains("--reembed", error.Message);
        Assert.Contains("--verify", error.Message);
    }

    /// <summary>What an index written before checksums looks like: format version 1, no block size, no checksums.</summary>
    private static void MakeFormatVersion1(string indexDir)
    {
        using var connection = new SqliteConnection($"Data Source={IndexFiles.Catalog(indexDir)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE meta SET value = '1' WHERE key = 'format_version';
            DELETE FROM meta WHERE key = 'vector_checksum_block_bytes';
            DROP TABLE vector_blocks;
            """;
        command.ExecuteNonQuery();
    }
}
