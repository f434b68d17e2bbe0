using Itm.Data.Ranking;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;
using Itm.Model.Persistence;

namespace Itm.Search;

/// <summary>
/// <c>itm index</c>: checks the inputs, fingerprints the model, opens (or creates) the index and runs the incremental
/// indexer with the model's embedders. Re-running on an unchanged folder only scans it: the model is never loaded.
/// <see cref="Open"/> keeps the model between runs, for <c>itm index --watch</c>.
/// </summary>
public static class IndexJob
{
    /// <exception cref="Itm.Data.IO.StorageFailureException">The disk refused a write to the index: full, or read-only.</exception>
    public static IndexRunReport Run(IndexJobOptions options, IProgress<IndexEvent>? progress = null, CancellationToken cancellation = default)
    {
        using var session = Open(options);
        return session.Run(progress, cancellation);
    }

    /// <summary>Checks the inputs and finds the model once, for any number of runs (each a whole incremental run).</summary>
    public static IndexSession Open(IndexJobOptions options)
    {
        string images = Path.GetFullPath(options.ImagesDir);
        if (!Directory.Exists(images))
        {
            throw new DirectoryNotFoundException($"The images folder {images} does not exist. Check --images.");
        }

        string modelDir = ModelFolder.Locate(options.ModelDir ?? RecordedModel(options.IndexDir) ?? BaseModel.Name);
        var manifest = ModelFolder.ReadManifest(modelDir);
        var identity = new IndexIdentity(ModelFingerprint.Compute(modelDir, manifest), modelDir, images, manifest.Joint.Dim);
        var centring = options.Centring ?? CollectionCentring.DefaultFor(modelDir);
        var indexer = centring == ImageCentring.None
            ? options.Indexer with { Centring = centring }
            : options.Indexer with { Centring = centring, CentreParts = CollectionCentring.PartsOf(manifest, modelDir) };
        return new IndexSession(options with { Indexer = indexer }, identity);
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
