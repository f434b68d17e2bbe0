using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Itm.Index.Captions;
using Itm.Index.Export;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;
using Parquet;
using Parquet.Serialization;

namespace Itm.Index.Tests.Export;

/// <summary>
/// The clip-retrieval layout: .npy files read back by an independent parser hold each image's and caption's stored
/// vector in the order of the parquet metadata beside them; unreadable images are left out.
/// </summary>
public sealed partial class EmbeddingExportTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;

    public EmbeddingExportTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        images.WriteMany(7);
        images.Write("z/broken.png", "broken image");
        db = temp.PathOf("db");
        string captions = temp.Write("captions.txt", "a red apple\na green pear\na blue car\n");
        TestIndex.Run(db, images.Root, new FakeEmbedder(), captions: CaptionCorpus.Read(captions));
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Image_rows_are_the_stored_vectors_in_metadata_order_and_unreadable_images_are_left_out()
    {
        var report = Export();

        var (shape, values) = ReadNpy(Path.Combine(report.Folder, EmbeddingExport.ImageVectors));
        var rows = (await ParquetSerializer.DeserializeAsync<ImageRow>(Path.Combine(report.Folder, EmbeddingExport.ImageMetadata))).Data;

        Assert.Equal((7L, FakeEmbedder.Dimension), shape);
        Assert.Equal(7, rows.Count);
        Assert.DoesNotContain(rows, row => row.image_path.Contains("broken", StringComparison.Ordinal));
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.True(Path.IsPathRooted(rows[i].image_path));
            var expected = FakeEmbedder.VectorOf(File.ReadAllBytes(rows[i].image_path));
            Assert.Equal(expected, values.AsSpan(i * FakeEmbedder.Dimension, FakeEmbedder.Dimension).ToArray());
        }

        Assert.Equal(rows.Count, rows.Select(row => row.itm_id).Distinct().Count());
    }

    [Fact]
    public async Task Caption_rows_are_the_caption_vectors_with_their_texts()
    {
        var report = Export();

        var (shape, values) = ReadNpy(Path.Combine(report.Folder, EmbeddingExport.CaptionVectors));
        var rows = (await ParquetSerializer.DeserializeAsync<CaptionRow>(Path.Combine(report.Folder, EmbeddingExport.CaptionMetadata))).Data;

        Assert.Equal((3L, FakeEmbedder.Dimension), shape);
        Assert.Equal(["a red apple", "a green pear", "a blue car"], rows.Select(row => row.caption));
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(FakeEmbedder.VectorOf(Encoding.UTF8.GetBytes(rows[i].caption)), values.AsSpan(i * FakeEmbedder.Dimension, FakeEmbedder.Dimension).ToArray());
        }
    }

    [Fact]
    public async Task The_metadata_columns_are_named_as_clip_retrieval_names_them()
    {
        var report = Export();

        var images = await ParquetReader.ReadSchemaAsync(Path.Combine(report.Folder, EmbeddingExport.ImageMetadata));
        var captions = await ParquetReader.ReadSchemaAsync(Path.Combine(report.Folder, EmbeddingExport.CaptionMetadata));
        Assert.Equal(["image_path", "itm_id", "size_bytes"], images.GetDataFields().Select(field => field.Name));
        Assert.Equal(["caption", "itm_id"], captions.GetDataFields().Select(field => field.Name));
    }

    [Fact]
    public void The_manifest_names_every_file_the_counts_and_the_model()
    {
        var report = Export();

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(report.Folder, EmbeddingExport.Manifest)));
        var root = manifest.RootElement;
        Assert.Equal(7, root.GetProperty("images").GetInt64());
        Assert.Equal(3, root.GetProperty("captions").GetInt64());
        Assert.Equal(FakeEmbedder.Dimension, root.GetProperty("dimension").GetInt32());
        Assert.Equal("fake-model-1", root.GetProperty("model_fingerprint").GetString());
        foreach (var file in root.GetProperty("files").EnumerateArray())
        {
            Assert.True(File.Exists(Path.Combine(report.Folder, file.GetString()!)), file.GetString());
        }
    }

    [Fact]
    public async Task Relative_paths_and_no_captions_when_asked()
    {
        var report = Export(new EmbeddingExportOptions { AbsolutePaths = false, IncludeCaptions = false });

        var rows = (await ParquetSerializer.DeserializeAsync<ImageRow>(Path.Combine(report.Folder, EmbeddingExport.ImageMetadata))).Data;
        Assert.All(rows, row => Assert.Matches("^[abc]/img[0-9]{3}\\.png$", row.image_path));
        Assert.False(File.Exists(Path.Combine(report.Folder, EmbeddingExport.CaptionVectors)));
        Assert.Equal(0, report.Captions);
    }

    private EmbeddingExportReport Export(EmbeddingExportOptions? options = null)
    {
        using var reader = IndexReader.Open(db);
        return EmbeddingExport.Write(reader, temp.PathOf("export"), options);
    }

    /// <summary>An independent reader of the .npy format: magic, version 1.0, a 64-byte aligned header dict, then little-endian float32.</summary>
    private static ((long Rows, int Columns) Shape, float[] Values) ReadNpy(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
        int headerLength = bytes[8] | (bytes[9] << 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.EndsWith("\n", header, StringComparison.Ordinal);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        Assert.Contains("'fortran_order': False", header, StringComparison.Ordinal);
        var shape = ShapePattern().Match(header);
        Assert.True(shape.Success, header);
        long rows = long.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture);
        int columns = int.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture);
        var values = new float[(bytes.Length - 10 - headerLength) / sizeof(float)];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * sizeof(float));
        Assert.Equal(rows * columns, values.Length);
        return ((rows, columns), values);
    }

    [GeneratedRegex(@"'shape': \((\d+), (\d+)\)")]
    private static partial Regex ShapePattern();

#pragma warning disable IDE1006 // The parquet columns' own names.
    private sealed class ImageRow
    {
        public string image_path { get; set; } = string.Empty;

        public long itm_id { get; set; }

        public long size_bytes { get; set; }
    }

    private sealed class CaptionRow
    {
        public string caption { get; set; } = string.Empty;

        public long itm_id { get; set; }
    }
#pragma warning restore IDE1006
}
