using System.Text.Json;
using System.Text.Json.Serialization;
using Itm.Data.IO;
using Itm.Index.Storage;
using Parquet.Serialization;

namespace Itm.Index.Export;

/// <summary>
/// Writes an index's vectors in the layout clip-retrieval's inference step produces, so its back end, autofaiss and
/// anything that reads NumPy files take itm's embeddings directly:
/// <code>
/// OUT/img_emb/img_emb_0.npy            float32 [images, D], L2-normalised, row i = metadata row i
/// OUT/metadata/metadata_0.parquet      image_path, itm_id, size_bytes
/// OUT/text_emb/text_emb_0.npy          float32 [captions, D] (the annotation corpus, when the index has one)
/// OUT/text_metadata/metadata_0.parquet caption, itm_id
/// OUT/export.json                      counts, dimension, the model fingerprint and folder, the files
/// </code>
/// clip-retrieval pairs row i of text_emb with row i of img_emb because its captions come one per image; an itm index
/// holds a caption corpus apart from its images, so the captions get their own metadata file. Unreadable images have
/// no vector and are left out. Each file is written whole or not at all (<see cref="AtomicFile"/>).
/// </summary>
public static class EmbeddingExport
{
    public const string ImageVectors = "img_emb/img_emb_0.npy";
    public const string ImageMetadata = "metadata/metadata_0.parquet";
    public const string CaptionVectors = "text_emb/text_emb_0.npy";
    public const string CaptionMetadata = "text_metadata/metadata_0.parquet";
    public const string Manifest = "export.json";

    public static EmbeddingExportReport Write(IndexReader index, string outDir, EmbeddingExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        options ??= new EmbeddingExportOptions();
        string folder = Path.GetFullPath(outDir);
        var files = new List<string>();
        int dimension = index.Identity.Dimension;

        var images = index.Images().Where(image => image.IsReadable).ToList();
        WriteMatrix(Path.Combine(folder, ImageVectors), dimension, images, (image, stream) => NpyWriter.WriteRow(stream, index.VectorOf(image)));
        WriteParquet(Path.Combine(folder, ImageMetadata), images.Select(image => new ImageRow
        {
            ImagePath = options.AbsolutePaths ? index.FullPathOf(image) : image.Path,
            Id = image.Id,
            SizeBytes = image.Size,
        }));
        files.AddRange([ImageVectors, ImageMetadata]);

        var captions = options.IncludeCaptions ? index.Captions() : [];
        if (captions.Count > 0)
        {
            WriteMatrix(Path.Combine(folder, CaptionVectors), dimension, captions, (caption, stream) => NpyWriter.WriteRow(stream, index.VectorOf(caption)));
            WriteParquet(Path.Combine(folder, CaptionMetadata), captions.Select(caption => new CaptionRow { Caption = caption.Text, Id = caption.Id }));
            files.AddRange([CaptionVectors, CaptionMetadata]);
        }

        files.Add(Manifest);
        var report = new EmbeddingExportReport(folder, images.Count, captions.Count, dimension, files);
        AtomicFile.WriteAllText(Path.Combine(folder, Manifest), JsonSerializer.Serialize(new
        {
            format = "clip-retrieval",
            version = 1,
            images = report.Images,
            captions = report.Captions,
            dimension,
            normalized = true,
            model_fingerprint = index.Identity.ModelFingerprint,
            model_dir = index.Identity.ModelDir,
            images_root = index.Identity.ImagesRoot,
            // img_emb rows of a centred index are centred (normalize(v − mean), per part); a caller centres its own images so.
            image_centre = index.State.ImageCentre is { } centre ? new { mean = centre.Mean.ToArray(), part_shares = centre.PartShares } : null,
            files,
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return report;
    }

    private static void WriteMatrix<T>(string path, int dimension, IReadOnlyList<T> items, Action<T, Stream> writeRow) =>
        AtomicFile.Write(path, stream =>
        {
            // Not disposed: that would close the file before AtomicFile flushes it to disk.
            var buffered = new BufferedStream(stream, 1 << 20);
            NpyWriter.WriteHeader(buffered, items.Count, dimension);
            foreach (var item in items)
            {
                writeRow(item, buffered);
            }

            buffered.Flush();
        });

    private static void WriteParquet<T>(string path, IEnumerable<T> rows) =>
        AtomicFile.Write(path, stream => ParquetSerializer.SerializeAsync(rows, stream).GetAwaiter().GetResult());

    // Column names are clip-retrieval's (image_path, caption) plus itm's own, in the snake case its readers expect.
    private sealed class ImageRow
    {
        [JsonPropertyName("image_path")]
        public string ImagePath { get; init; } = string.Empty;

        [JsonPropertyName("itm_id")]
        public long Id { get; init; }

        [JsonPropertyName("size_bytes")]
        public long SizeBytes { get; init; }
    }

    private sealed class CaptionRow
    {
        [JsonPropertyName("caption")]
        public string Caption { get; init; } = string.Empty;

        [JsonPropertyName("itm_id")]
        public long Id { get; init; }
    }
}
