using Itm.Data.IO;
using Itm.Index.Captions;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;
using Itm.Model.Persistence;

namespace Itm.Search;

/// <summary>
/// <c>itm index</c>: checks the inputs, fingerprints the model, opens (or creates) the index and runs the incremental
/// indexer with the model's embedders. Re-running on an unchanged folder only scans it: the model is never loaded.
/// </summary>
public static class IndexJob
{
    /// <exception cref="StorageFailureException">The disk refused a write to the index: full, or read-only.</exception>
    public static IndexRunReport Run(IndexJobOptions options, IProgress<IndexEvent>? progress = null, CancellationToken cancellation = default) =>
        StorageFailureException.Guard(options.IndexDir, "the index", () => RunUnguarded(options, progress, cancellation), CatalogStorageFailure.KindOf);

    private static IndexRunReport RunUnguarded(IndexJobOptions options, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        string images = Path.GetFullPath(options.ImagesDir);
        if (!Directory.Exists(images))
        {
            throw new DirectoryNotFoundException($"The images folder {images} does not exist. Check --images.");
        }

        string modelDir = ModelFolder.Locate(options.ModelDir ?? RecordedModel(options.IndexDir) ?? BaseModel.Name);
        var manifest = ModelFolder.ReadManifest(modelDir);
        var captions = options.CaptionsPath is null ? null : CaptionCorpus.Read(options.CaptionsPath, options.CaptionLimits);
        var identity = new IndexIdentity(ModelFingerprint.Compute(modelDir, manifest), modelDir, images, manifest.Joint.Dim);

        using var folder = IndexFolder.Open(options.IndexDir, identity, options.Reembed);
        using var embedders = new ModelEmbedders(modelDir, options.CacheDir);
        return new IncrementalIndexer(folder, embedders, embedders, options.Indexer).Run(captions, progress, cancellation);
    }

    /// <summary>The model folder a finished index at <paramref name="indexDir"/> was built with, or null when there is none yet.</summary>
    private static string? RecordedModel(string indexDir)
    {
        if (!File.Exists(IndexFiles.Catalog(Path.GetFullPath(indexDir))))
        {
            return null;
        }

        using var index = IndexReader.Open(indexDir);
        return index.Identity.ModelDir;
    }
}
