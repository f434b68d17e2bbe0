using Itm.Data.Images.Ocr;
using Itm.Data.IO;
using Itm.Index.Captions;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;

namespace Itm.Search;

/// <summary>
/// Indexing runs with one model, loaded on the first run that embeds something and kept for the next. The index
/// folder is opened (and its lock held) for each run only, and the captions file read again, so each run is the
/// same as a separate <c>itm index</c>.
/// </summary>
public sealed class IndexSession : IDisposable
{
    private readonly IndexJobOptions options;
    private readonly IndexIdentity identity;
    private readonly ModelEmbedders embedders;
    private readonly TesseractTextReader? ocr;
    private bool reembed;

    internal IndexSession(IndexJobOptions options, IndexIdentity identity)
    {
        this.options = options;
        this.identity = identity;
        reembed = options.Reembed;
        // Made here, not on the first run that needs it: a missing Tesseract is said before any work.
        ocr = options.Ocr is null ? null : new TesseractTextReader(options.Ocr, options.OcrThreads);
        embedders = new ModelEmbedders(identity.ModelDir, options.CacheDir);
    }

    /// <summary>With <c>--ocr</c>: images read so far by this session and the mean time each took (thread time, ms); else null.</summary>
    public (long Images, double MillisecondsPerImage)? OcrCost => ocr?.Cost;

    /// <exception cref="StorageFailureException">The disk refused a write to the index: full, or read-only.</exception>
    public IndexRunReport Run(IProgress<IndexEvent>? progress = null, CancellationToken cancellation = default) =>
        StorageFailureException.Guard(options.IndexDir, "the index", () => RunOnce(progress, cancellation), CatalogStorageFailure.KindOf);

    private IndexRunReport RunOnce(IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        var captions = options.CaptionsPath is null ? null : CaptionCorpus.Read(options.CaptionsPath, options.CaptionLimits);
        using var folder = IndexFolder.Open(options.IndexDir, identity, reembed);

        // Re-embedding empties the index once: later runs only add to it.
        reembed = false;
        var indexer = ocr is null ? options.Indexer : options.Indexer with { ImageText = ocr };
        return new IncrementalIndexer(folder, embedders, embedders, indexer).Run(captions, progress, cancellation);
    }

    public void Dispose()
    {
        embedders.Dispose();
        ocr?.Dispose();
    }
}
