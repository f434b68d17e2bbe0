using System.Diagnostics;
using Itm.Data.Ranking;
using Itm.Index.Captions;
using Itm.Index.Catalog;
using Itm.Index.Nearest;
using Itm.Index.Scanning;
using Itm.Index.Storage;

namespace Itm.Index.Indexing;

/// <summary>
/// One indexing run over an open <see cref="IndexFolder"/>: scan the images folder, diff it against the catalog, drop
/// deleted files, embed new and changed ones batch by batch (each batch one commit), bring the caption corpus up to
/// date, compact wasteful vector files and build HNSW graphs for large collections — or, for a folder bound to a
/// scale-out backend (<see cref="IndexerOptions.Mirror"/>), bring its copy up to date. A run that is cancelled or killed keeps every committed
/// batch; the next run picks up the rest.
/// </summary>
public sealed class IncrementalIndexer
{
    private readonly IndexFolder folder;
    private readonly IImageEmbedder images;
    private readonly ITextEmbedder texts;
    private readonly IndexerOptions options;

    public IncrementalIndexer(IndexFolder folder, IImageEmbedder images, ITextEmbedder texts, IndexerOptions? options = null)
    {
        this.folder = folder;
        this.images = images;
        this.texts = texts;
        this.options = options ?? new IndexerOptions();
        this.options.Validate();
    }

    /// <param name="captions">The caption corpus the index should hold; null keeps the one it has.</param>
    public IndexRunReport Run(CaptionCorpus? captions, IProgress<IndexEvent>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        if (folder.RecoveredBytes > 0)
        {
            progress?.Report(new IndexNotice(
                $"An earlier run was interrupted: {folder.RecoveredBytes:N0} bytes of uncommitted vectors were dropped; their images are embedded again."));
        }

        // The backend is reached (and the folder bound to it) before any work, so a wrong address fails at once.
        using var mirror = OpenBackend(progress);
        ConvertVectors(progress);
        var (plan, scan) = Scan(progress, cancellation);
        RemoveDeleted(plan, progress);
        var (embedded, unreadable) = EmbedImages(plan, progress, cancellation);
        RecentreIfGrown(progress);
        ReadMissingWords(progress, cancellation);
        ReportSkippedCaptions(captions, progress);
        var (captionsAdded, captionsRemoved) = captions is null ? (0, 0) : UpdateCaptions(captions, progress, cancellation);

        long compacted = 0;
        var search = VectorIndexKind.Exact;
        try
        {
            foreach (var collection in Enum.GetValues<VectorCollection>())
            {
                compacted += Compact(collection, progress);
                var kind = mirror is null ? UpdateGraph(collection, progress, cancellation) : SyncMirror(mirror, collection, progress, cancellation);
                if (collection == VectorCollection.Images)
                {
                    search = kind;
                }
            }
        }
        catch (Exception) when (mirror is not null)
        {
            // A sync cut short (a node went down) may have pushed much of a copy, which is only in the nodes' logs until
            // a checkpoint: without one, the next node to restart replays it all (14.5 s after a compaction cut off 11
            // times, docs/reliability.md). The run fails all the same.
            mirror.Checkpoint(progress);
            throw;
        }

        mirror?.Checkpoint(progress);

        // Last: a server watching the index opens it again only once everything above is in place.
        folder.RecordFinishedRun();
        return new IndexRunReport(
            plan.New.Count + plan.Changed.Count + plan.Unchanged.Count,
            plan.New.Count,
            plan.Changed.Count,
            plan.Deleted.Count,
            plan.Unchanged.Count,
            embedded,
            unreadable,
            plan.KnownUnreadable.Select(image => new UnreadableImage(Path.Combine(folder.Identity.ImagesRoot, image.Path), image.Error ?? "unreadable")).ToList(),
            captionsAdded,
            captionsRemoved,
            folder.Catalog.LiveRows(VectorCollection.Images).Count,
            folder.Catalog.LiveRows(VectorCollection.Captions).Count,
            folder.RecoveredBytes,
            compacted,
            search,
            clock.Elapsed)
        {
            Skipped = scan.Skipped,
            IgnoredFiles = scan.IgnoredFiles.Count,
            IgnoredFolders = scan.IgnoredFolders.Count,
            IgnoredRemoved = plan.Ignored.Count,
            UnreadableRules = scan.UnreadableRules,
            CaptionsSkipped = captions?.SkippedCount ?? 0,
            Centred = folder.State.ImageCentre is not null,
        };
    }

    /// <summary>With <see cref="IndexerOptions.VectorPrecision"/> other than the index's: its vector files rewritten at it.</summary>
    private void ConvertVectors(IProgress<IndexEvent>? progress)
    {
        if (options.VectorPrecision is not { } precision || precision == folder.State.VectorPrecision)
        {
            return;
        }

        var from = folder.State.VectorPrecision;
        folder.ConvertVectors(precision);
        if (folder.State.Images.Rows + folder.State.Captions.Rows > 0)
        {
            progress?.Report(new IndexNotice($"Vectors rewritten from {from.ToString().ToLowerInvariant()} to {precision.ToString().ToLowerInvariant()}."));
        }
    }

    private (IndexPlan Plan, FolderScan Scan) Scan(IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        string root = folder.Identity.ImagesRoot;
        progress?.Report(new IndexStageStarted(IndexStage.Scan, $"Scanning {root}"));
        var scan = FolderScanner.Scan(root, options.Exclude, cancellation);
        foreach (var entry in scan.UnreadableRules.Concat(scan.Skipped))
        {
            progress?.Report(new IndexNotice($"Skipped {entry.RelativePath}: {entry.Reason}."));
        }

        var plan = IndexPlanner.Plan(scan, folder.Catalog.Images());
        progress?.Report(new IndexStageFinished(IndexStage.Scan,
            $"{scan.Files.Count:N0} images in {root}: {plan.New.Count:N0} new, {plan.Changed.Count:N0} changed, " +
            $"{plan.Deleted.Count:N0} deleted, {plan.Unchanged.Count:N0} unchanged" +
            (scan.IgnoredFiles.Count + scan.IgnoredFolders.Count == 0 ? string.Empty
                : $"; ignored: {scan.IgnoredFiles.Count:N0} images, {scan.IgnoredFolders.Count:N0} folders" +
                  (plan.Ignored.Count == 0 ? string.Empty : $" ({plan.Ignored.Count:N0} indexed images to remove)")) +
            (scan.Skipped.Count == 0 ? string.Empty : $"; {scan.Skipped.Count:N0} symbolic links not followed")));
        return (plan, scan);
    }

    private void RemoveDeleted(IndexPlan plan, IProgress<IndexEvent>? progress)
    {
        int count = plan.Deleted.Count + plan.Ignored.Count;
        if (count == 0)
        {
            return;
        }

        string what = plan.Ignored.Count == 0 ? "deleted" : plan.Deleted.Count == 0 ? "now ignored" : "deleted and now ignored";
        progress?.Report(new IndexStageStarted(IndexStage.RemoveDeleted, $"Removing {count:N0} {what} images"));
        folder.RemoveImages(plan.Deleted.Concat(plan.Ignored).Select(image => image.Path).ToList());
        progress?.Report(new IndexStageFinished(IndexStage.RemoveDeleted, $"{count:N0} {what} images removed"));
    }

    private (int Embedded, List<UnreadableImage> Unreadable) EmbedImages(IndexPlan plan, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        var work = plan.ToEmbed;
        var unreadable = new List<UnreadableImage>();
        if (work.Count == 0)
        {
            return (0, unreadable);
        }

        var centre = ChooseCentre(work, progress, cancellation);
        progress?.Report(new IndexStageStarted(IndexStage.EmbedImages, "Embedding images", work.Count));
        int done = 0;
        int embedded = 0;
        for (int start = 0; start < work.Count; start += options.BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var batch = work.Skip(start).Take(options.BatchSize).ToList();
            var byPath = batch.ToDictionary(file => file.FullPath, StringComparer.Ordinal);
            int before = done;
            var inner = progress is null ? null : new Relay<int>(n => progress.Report(new IndexStageAdvanced(IndexStage.EmbedImages, before + n, work.Count)));
            var result = images.Embed(batch.Select(file => file.FullPath).ToList(), inner, cancellation);
            var bad = result.Unreadable
                .Select(u => (byPath.TryGetValue(u.Path, out var file) ? file : throw new InvalidOperationException($"The embedder reported {u.Path}, which it was not given."), u.Reason))
                .ToList();
            var embeddedFiles = result.Embedded.Select(i => batch[i]).ToList();
            var words = options.ImageText?.Read(embeddedFiles.Select(file => file.FullPath).ToList(), cancellation);
            centre?.Apply(result.Vectors);
            folder.CommitImages(embeddedFiles, result.Vectors, bad, words);
            unreadable.AddRange(result.Unreadable);
            embedded += result.Embedded.Count;
            done += batch.Count;
            progress?.Report(new IndexStageAdvanced(IndexStage.EmbedImages, done, work.Count));
        }

        string skipped = unreadable.Count == 0 ? string.Empty : $"; {unreadable.Count:N0} unreadable skipped";
        progress?.Report(new IndexStageFinished(IndexStage.EmbedImages, $"{embedded:N0} images embedded{skipped}"));
        return (embedded, unreadable);
    }

    /// <summary>
    /// The centre this run's vectors are centred on: the index's own, or (asked for, and the index has no vectors yet)
    /// the shrunk mean of up to <see cref="IndexerOptions.CentreSample"/> images spread evenly over the work, recorded
    /// before the first commit so a run killed later resumes on the same centre. Null: vectors as the model gives them.
    /// </summary>
    private CollectionCentre? ChooseCentre(IReadOnlyList<ScannedFile> work, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        var kept = folder.State.ImageCentre;
        if (kept is not null || folder.State.Images.Rows > 0 || options.Centring == ImageCentring.None)
        {
            if (folder.State.Images.Rows > 0 && (kept is null) == (options.Centring == ImageCentring.Collection))
            {
                progress?.Report(new IndexNotice(kept is null
                    ? "This index's image vectors are not centred on the collection (it was built without centring); `--reembed` embeds them again centred."
                    : "This index's image vectors are centred on the collection, and new ones are centred the same way; `--reembed --centre none` stores them as the model gives them."));
            }

            return kept;
        }

        var sample = CollectionCentre.SampleOf(work, options.CentreSample).Select(file => file.FullPath).ToList();
        progress?.Report(new IndexNotice($"Centring image vectors on this collection: estimating its mean from {sample.Count:N0} images."));
        var result = images.Embed(sample, progress: null, cancellation);
        if (result.Embedded.Count == 0)
        {
            return null;
        }

        var centre = CollectionCentre.Estimate(result.Vectors, folder.Identity.Dimension, options.CentreParts);
        folder.RecordImageCentre(centre);
        return centre;
    }

    /// <summary>
    /// Estimates the centre again (<see cref="IndexFolder.RecentreImages"/>) when it came from fewer images than a full
    /// sample and the collection has since grown <see cref="IndexerOptions.RecentreGrowth"/> times over.
    /// </summary>
    private void RecentreIfGrown(IProgress<IndexEvent>? progress)
    {
        if (folder.State.ImageCentre is not { Images: > 0 } centre || centre.Images >= options.CentreSample)
        {
            return;
        }

        int live = folder.Catalog.LiveRows(VectorCollection.Images).Count;
        if (live < (long)options.RecentreGrowth * centre.Images)
        {
            return;
        }

        var next = folder.RecentreImages(options.CentreSample);
        progress?.Report(new IndexNotice(
            $"The collection has grown from {centre.Images:N0} to {live:N0} images since its centre was estimated: image vectors centred again on the mean of {next.Images:N0}."));
    }

    /// <summary>
    /// With <c>--ocr</c>, reads the words of indexed images that have none yet (all of them the first time an older
    /// index is run with it), a batch per commit: a killed run keeps what it read, and the next run reads the rest.
    /// </summary>
    private void ReadMissingWords(IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        if (options.ImageText is not { } reader)
        {
            return;
        }

        var missing = folder.Catalog.ImagesWithoutWords();
        if (missing.Count == 0)
        {
            return;
        }

        progress?.Report(new IndexStageStarted(IndexStage.ReadWords, "Reading the words inside images", missing.Count));
        string root = folder.Identity.ImagesRoot;
        for (int start = 0; start < missing.Count; start += options.BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var batch = missing.Skip(start).Take(options.BatchSize).ToList();
            var words = reader.Read(batch.Select(image => Path.Combine(root, image.Path)).ToList(), cancellation);
            folder.CommitWords(batch.Select((image, i) => (image.Path, words[i])).ToList());
            progress?.Report(new IndexStageAdvanced(IndexStage.ReadWords, start + batch.Count, missing.Count));
        }

        progress?.Report(new IndexStageFinished(IndexStage.ReadWords, $"words read inside {missing.Count:N0} indexed images"));
    }

    /// <summary>Names every caption the corpus left out (a text file's lines, or a dataset's first few per reason), so none is lost silently.</summary>
    private static void ReportSkippedCaptions(CaptionCorpus? captions, IProgress<IndexEvent>? progress)
    {
        if (captions is null || progress is null || captions.SkippedCount == 0)
        {
            return;
        }

        foreach (var caption in captions.Skipped)
        {
            progress.Report(new IndexNotice($"Caption skipped, {caption.Item} of {captions.Source}: {caption.Reason}."));
        }

        if (captions.SkippedCount > captions.Skipped.Count)
        {
            progress.Report(new IndexNotice($"{captions.SkippedCount:N0} captions of {captions.Source} skipped in all."));
        }
    }

    private (int Added, int Removed) UpdateCaptions(CaptionCorpus corpus, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        var state = folder.State;
        if (state.CaptionsHash == corpus.Sha256 && state.CaptionsSource == corpus.Source)
        {
            return (0, 0);
        }

        // Diffed by text, so a corpus that grows (or a run interrupted halfway) embeds only the sentences it lacks.
        var existing = folder.Catalog.Captions();
        var wanted = corpus.Sentences.ToHashSet(StringComparer.Ordinal);
        var have = existing.Select(c => c.Text).ToHashSet(StringComparer.Ordinal);
        var removed = existing.Where(c => !wanted.Contains(c.Text)).Select(c => c.Id).ToList();
        var added = corpus.Sentences.Where(s => !have.Contains(s)).ToList();
        if (removed.Count > 0)
        {
            folder.RemoveCaptions(removed);
        }

        if (added.Count > 0)
        {
            progress?.Report(new IndexStageStarted(IndexStage.EmbedCaptions, "Embedding captions", added.Count));
            for (int start = 0; start < added.Count; start += options.CaptionBatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                var batch = added.GetRange(start, Math.Min(options.CaptionBatchSize, added.Count - start));
                folder.CommitCaptions(batch, texts.Embed(batch));
                progress?.Report(new IndexStageAdvanced(IndexStage.EmbedCaptions, start + batch.Count, added.Count));
            }
        }

        folder.RecordCaptionsSource(corpus.Source, corpus.Sha256);
        progress?.Report(new IndexStageFinished(IndexStage.EmbedCaptions,
            $"{corpus.Sentences.Count:N0} captions from {corpus.Source}: {added.Count:N0} added, {removed.Count:N0} removed"));
        return (added.Count, removed.Count);
    }

    private long Compact(VectorCollection collection, IProgress<IndexEvent>? progress)
    {
        long dropped = folder.CompactIfWasteful(collection, options.CompactWhenDeadFraction);
        if (dropped > 0)
        {
            progress?.Report(new IndexStageFinished(IndexStage.Compact, $"{collection.ToString().ToLowerInvariant()} vectors compacted: {dropped:N0} dead rows dropped"));
        }

        return dropped;
    }

    private VectorIndexKind UpdateGraph(VectorCollection collection, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        int live = folder.Catalog.LiveRows(collection).Count;
        var kind = options.Search.Resolve(live);
        if (kind != VectorIndexKind.Hnsw)
        {
            folder.DeleteGraph(collection);
            return kind;
        }

        if (!folder.HasCurrentGraph(collection))
        {
            string name = collection.ToString().ToLowerInvariant();
            progress?.Report(new IndexStageStarted(IndexStage.BuildGraph, $"Building the HNSW graph of {live:N0} {name}"));
            var clock = Stopwatch.StartNew();
            folder.SaveGraph(collection, options.Search, cancellation);
            progress?.Report(new IndexStageFinished(IndexStage.BuildGraph, $"HNSW graph of {live:N0} {name} built in {clock.Elapsed.TotalSeconds:F1}s"));
        }

        return kind;
    }

    /// <summary>
    /// The writer of the folder's copy when the run keeps one (asked for, or the folder is bound to the mirror's
    /// backend), else null; <c>--backend embedded</c> on a bound folder unbinds it and deletes its copy.
    /// </summary>
    private IMirrorWriter? OpenBackend(IProgress<IndexEvent>? progress)
    {
        if (options.Mirror is not { } mirror)
        {
            return options.Backend is null or IndexBackend.Embedded ? null : throw NotGiven(options.Backend.Value);
        }

        bool bound = mirror.IsBound(folder.Catalog);
        var backend = options.Backend ?? (bound ? mirror.Backend : IndexBackend.Embedded);
        if (backend == IndexBackend.Embedded)
        {
            if (bound)
            {
                mirror.Unbind(folder, progress);
            }

            return null;
        }

        return backend == mirror.Backend ? mirror.Bind(folder) : throw NotGiven(backend);

        static ArgumentException NotGiven(IndexBackend backend) =>
            new($"--backend {backend.ToString().ToLowerInvariant()} is not available: the indexer was given no such backend.");
    }

    private VectorIndexKind SyncMirror(IMirrorWriter mirror, VectorCollection collection, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        // The backend answers the queries; a graph in the folder would only be a stale second copy.
        folder.DeleteGraph(collection);
        return mirror.Sync(collection, progress, cancellation);
    }

    /// <summary>Forwards progress on the reporting thread, in order (<see cref="Progress{T}"/> would post it to the thread pool).</summary>
    private sealed class Relay<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
