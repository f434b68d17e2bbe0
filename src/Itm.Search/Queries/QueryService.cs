using System.Numerics.Tensors;
using Itm.Data.Ranking;
using Itm.Evaluation.Calibration;
using Itm.Index;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;
using Itm.Model.Persistence;
using Itm.Search.Duplicates;
using Itm.Search.Explanations;

namespace Itm.Search.Queries;

/// <summary>
/// Answers queries on an index with the model it was built with (found through the index, loaded only when a query
/// needs something embedded): <see cref="Search(string, int, double?)"/> a sentence or a <see cref="QueryExpression"/>,
/// <see cref="Annotate"/> an image with captions, find images <see cref="Similar"/> to one. An indexed, unchanged
/// image is not embedded again: its stored vector is used. When the model folder holds a calibration, each search
/// result carries the probability that it matches, and a search can keep only the results likely enough to match.
/// Safe to call from several threads at once: each query borrows an index reader of its own for its index work
/// (<see cref="ReaderPool"/>, <see cref="QueryOptions.Readers"/> of them), embeds outside it, and shares the model
/// (<see cref="SharedModel"/>), whose text channel may batch queries that arrive together (<see cref="QueryOptions.TextBatch"/>).
/// Disposing it while a query runs is the owner's to prevent.
/// </summary>
public sealed class QueryService : IDisposable
{
    private readonly ReaderPool readers;
    private readonly ModelChannels channels;
    private readonly CollectionCentre? centre;
    private readonly QueryOptions queryOptions;
    private readonly Lazy<FittedCalibration?> calibration;

    private QueryService(ReaderPool readers, ModelChannels channels, QueryOptions options)
    {
        this.readers = readers;
        this.channels = channels;
        queryOptions = options;
        centre = readers.State.ImageCentre;
        calibration = new(() => CalibrationJson.ReadIfPresent(Path.Combine(readers.Identity.ModelDir, ModelFolder.CalibrationFile)));
    }

    public IndexIdentity Identity => readers.Identity;

    /// <summary>
    /// The image channel as this snapshot's vectors were stored: centred on its centre when it has one
    /// (<see cref="CollectionCentre"/>), so an explanation's edited pixels score as the stored vectors do.
    /// </summary>
    private IPixelEmbedder ImageChannel => centre is null ? channels.Model : new CentredImageChannel(channels.Model, centre);

    /// <summary>An image vector from the model, centred as this snapshot's stored vectors are.</summary>
    private float[] CentredOnSnapshot(float[] vector)
    {
        centre?.Apply(vector);
        return vector;
    }

    public long ImageCount => readers.Read(index => index.ImageCount);

    public long CaptionCount => readers.Read(index => index.CaptionCount);

    /// <summary>
    /// How many indexing runs had finished on the index when this service opened it (<see cref="CatalogState.FinishedRuns"/>):
    /// which snapshot of the index it answers from. A server calls it the generation.
    /// </summary>
    public long FinishedRuns => readers.State.FinishedRuns;

    /// <summary>How many times the text encoder has run a batch, when queries are batched (<see cref="QueryOptions.TextBatch"/>); else null.</summary>
    public long? TextBatches => channels.Batcher?.Batches;

    /// <summary>Whether a query so far has needed the model (a test of "indexed images are not embedded again").</summary>
    public bool ModelLoaded => channels.Model.IsLoaded;

    /// <summary>The model's calibration of search scores (its <c>calibration.json</c>, read once), or null when it has none.</summary>
    public FittedCalibration? Calibration => calibration.Value;

    /// <summary>The index's counts, model and search structure. Reads the model's manifest, never its weights.</summary>
    public IndexStats Stats()
    {
        var identity = readers.Identity;
        ModelManifest? manifest;
        try
        {
            manifest = ModelFolder.ReadManifest(identity.ModelDir);
        }
        catch (ModelFolderException)
        {
            // Stats still describe the index when its model folder has gone; queries that need the model say why.
            manifest = null;
        }

        var (images, captions, search, centre, mirrored) = readers.Read(index =>
            (index.ImageCount, index.CaptionCount, index.ImageSearchKind, index.State.ImageCentre, index.IsMirrored));
        return new IndexStats(
            images,
            captions,
            identity.Dimension,
            identity.ModelDir,
            manifest?.Joint.Text.Model.Name,
            manifest?.Joint.Image.Model.Name,
            search,
            centre is null ? ImageCentring.None : ImageCentring.Collection,
            mirrored);
    }

    /// <summary>The indexed image with this id, or null: how a caller reaches a file without ever naming a path.</summary>
    public IndexedImage? FindImage(long id) => readers.Read(index => index.FindImage(id)) is { } image
        ? new IndexedImage(image.Id, FullPathOf(image), image.Path, image.Size, image.MtimeTicks, image.IsReadable)
        : null;

    public static QueryService Open(string indexDir, QueryOptions? options = null) => Open(indexDir, text: null, options);

    /// <summary>An index whose phrases are embedded by <paramref name="text"/> instead of the model (tests with vectors known by construction).</summary>
    internal static QueryService Open(string indexDir, ITextEmbedder? text, QueryOptions? options)
    {
        options ??= new QueryOptions();
        options.Validate();
        if (options.TorchThreads is int threads)
        {
            TorchSharp.torch.set_num_threads(threads);
        }

        var readers = ReaderPool.Open(indexDir, options.Readers, options.Search, options.Mirror);
        return new QueryService(readers, ModelChannels.Open(readers, options, text), options);
    }

    /// <summary>
    /// A service over the index as it is now (after an indexing run finished, say), with this one's options. When the
    /// index still names the same model, the model, its text batcher and its sentence cache are shared with this service,
    /// so nothing is loaded again; each service is disposed on its own, and the last one out closes what they share.
    /// </summary>
    public QueryService Reopen()
    {
        var next = ReaderPool.Open(readers.Folder, queryOptions.Readers, queryOptions.Search, queryOptions.Mirror);
        try
        {
            var sameModel = next.Identity.ModelFingerprint == Identity.ModelFingerprint && next.Identity.ModelDir == Identity.ModelDir;
            return new QueryService(next, sameModel ? channels.Share() : ModelChannels.Open(next, queryOptions, text: null), queryOptions);
        }
        catch
        {
            next.Dispose();
            throw;
        }
    }

    /// <summary>The <paramref name="k"/> images that best match a sentence (see the other overload for <paramref name="minPrecision"/>).</summary>
    public IReadOnlyList<ImageMatch> Search(string sentence, int k, double? minPrecision = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sentence);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var calibrated = SearchCalibration(minPrecision);
        float[] vector = channels.Text.Embed([sentence]);
        return Ranked(vector, k, WordMatch.QueryWords(sentence, queryOptions.Words), exclude: null, calibrated)
            .Where(m => minPrecision is not double p || m.Probability >= p).ToList();
    }

    /// <summary>
    /// The <paramref name="k"/> images nearest to a query's vector (<see cref="Embed"/>). An indexed image in the query
    /// is left out of them, as <see cref="Similar"/> leaves it out.
    /// </summary>
    /// <param name="minPrecision">
    /// When set (0 &lt; P &lt; 1), only the results whose calibrated probability of matching is at least P, so fewer than
    /// <paramref name="k"/>, or none, when nothing matches well enough; the expected precision of what is returned is then
    /// at least P. The probability is that the image shows what the query says, under the relevance the calibration was
    /// fitted on (<see cref="FittedCalibration.ForImages"/>). A query of several terms, or with an image, is judged by its
    /// vector as if it were a sentence's.
    /// </param>
    /// <exception cref="CalibrationMissingException"><paramref name="minPrecision"/> is set and the model has no calibration.</exception>
    public IReadOnlyList<ImageMatch> Search(QueryExpression query, int k, double? minPrecision = null) => Answer(query, k, minPrecision).Matches;

    /// <summary>
    /// As <see cref="Search(QueryExpression, int, double?)"/>, with the query's P(any match): the chance that at least
    /// one of the best <see cref="AnyMatch.Among"/> (or <paramref name="k"/> when fewer) matches, whether or not any
    /// single one is likely enough to pass the cut.
    /// </summary>
    public ImageAnswer Answer(QueryExpression query, int k, double? minPrecision = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var calibrated = SearchCalibration(minPrecision);
        var (vector, queryImage) = Compose(query);
        // The words looked for are those of the query's phrases that count for it (weight above 0).
        string wanted = string.Join(' ', query.Terms.Where(t => t.Phrase is not null && t.Weight > 0).Select(t => t.Phrase));
        var all = Ranked(vector, k, WordMatch.QueryWords(wanted, queryOptions.Words), queryImage, calibrated);
        int among = Math.Min(all.Count, AnyMatch.Among);
        double? any = calibrated is null ? null : AnyMatch.Probability(all.Take(among).Select(m => m.Probability!.Value));
        // The probability is a function of the cosine: without words the results that pass are a prefix of the
        // ranking; with them an image ranked up by its words may be less likely than one below it.
        return new ImageAnswer(all.Where(m => minPrecision is not double p || m.Probability >= p).ToList(), any, among);
    }

    /// <summary>
    /// A query's unit vector: normalize(Σ weight · the term's unit vector). A query of one positive term is that term's
    /// vector as it is, so a sentence without operators searches exactly as <see cref="Search(string, int, double?)"/> does.
    /// </summary>
    public float[] Embed(QueryExpression query) => Compose(query).Vector;

    /// <summary>The <paramref name="k"/> captions of the index's corpus that best describe an image.</summary>
    public IReadOnlyList<CaptionMatch> Annotate(ImageReference image, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (CaptionCount == 0)
        {
            throw new IndexFolderException(
                $"The index {readers.Folder} has no captions to annotate with. Add some: `itm index ... --db {readers.Folder} --captions FILE` " +
                "(a dataset, or a text file with one sentence per line).",
                IndexProblem.Missing);
        }

        var (vector, _) = VectorOf(image);
        return readers.Read(index => index.SearchCaptions(vector, k))
            .Select((hit, i) => new CaptionMatch(i + 1, hit.Score, hit.Caption.Id, hit.Caption.Text))
            .ToList();
    }

    /// <summary>The <paramref name="k"/> indexed images nearest to an image (itself left out when it is indexed).</summary>
    public IReadOnlyList<ImageMatch> Similar(ImageReference image, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var (vector, indexed) = VectorOf(image);
        return ToMatches(readers.Read(index => index.SearchImages(vector, k, excludeId: indexed?.Id)));
    }

    /// <summary>
    /// The groups of duplicate images in the index (exact and near copies: resized, re-encoded, cropped a little,
    /// recoloured), from the stored vectors; nothing is embedded, so the model is not loaded. See <see cref="DuplicateGrouper"/>.
    /// </summary>
    public DuplicateReport Duplicates(DuplicateOptions? options = null, CancellationToken cancellation = default) =>
        readers.Read(index => DuplicateFinder.Find(index, options ?? new DuplicateOptions(), cancellation));

    /// <summary>
    /// Why an image matches a sentence (read as one sentence, operators and all): the score, each word's weight, and a
    /// heatmap of the regions that drive the score (see <see cref="Explainer"/>). The image is embedded again from its
    /// file: for occlusion whole and with each region hidden, so this runs the image channel <c>(Grid + 1)² + 1</c> times;
    /// for Grad-CAM twice, once with a backward pass.
    /// </summary>
    /// <exception cref="GradCamUnavailableException">Grad-CAM was asked and the index's image model has no maps (resnet18), or not at that layer.</exception>
    public Explanation Explain(ImageReference image, string sentence, ExplainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(sentence);
        options?.Validate();
        if (options?.Method == ExplainMethod.GradCam)
        {
            channels.Model.CheckGradCam(options.Layer);   // Before the image is read: a model that can't is refused first, and cheaply.
        }

        return Explainer.Explain(channels.Model.DecodeImage(PathOf(image)), sentence, ImageChannel, channels.Text, options);
    }

    /// <summary>The model's channels first (unless another service shares them), then the readers.</summary>
    public void Dispose()
    {
        channels.Dispose();
        readers.Dispose();
    }

    private (float[] Vector, long? QueryImage) Compose(QueryExpression query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = query.Terms;
        var phrases = terms.Where(t => t.Phrase is not null).Select(t => t.Phrase!).ToList();
        float[] phraseRows = phrases.Count == 0 ? [] : channels.Text.Embed(phrases); // [phrases, dim], one batch
        int dim = readers.Identity.Dimension;
        var vectors = new List<float[]>(terms.Count);
        long? queryImage = null;
        int phraseRow = 0;
        foreach (var term in terms)
        {
            if (term.Image is { } image)
            {
                var (vector, indexed) = VectorOf(image);
                vectors.Add(vector);
                queryImage = indexed?.Id ?? queryImage;
            }
            else
            {
                vectors.Add(phraseRows.AsSpan(phraseRow++ * dim, dim).ToArray());
            }
        }

        if (terms is [{ Weight: > 0 }])
        {
            return (vectors[0], queryImage);
        }

        var sum = new float[dim];
        for (int i = 0; i < terms.Count; i++)
        {
            TensorPrimitives.MultiplyAdd(vectors[i], (float)terms[i].Weight, sum, sum);
        }

        // Terms that cancel ("dog -dog") leave no direction to search in.
        float norm = TensorPrimitives.Norm(sum);
        if (!(norm > 1e-4f * terms.Sum(t => (float)Math.Abs(t.Weight))))
        {
            throw new QueryExpressionException(terms.First(t => t.Weight < 0),
                "this cancels out the rest of the query, which leaves nothing to search for. Remove it or lower its weight.");
        }

        TensorPrimitives.Divide(sum, norm, sum);
        return (sum, queryImage);
    }

    private (float[] Vector, CatalogImage? Indexed) VectorOf(ImageReference image)
    {
        if (image.Id is long id)
        {
            return readers.Read(index =>
            {
                var byId = FindIndexed(index, id);
                return (index.VectorOf(byId), byId);
            });
        }

        string path = PathOf(image);
        var (stored, indexed) = readers.Read(index =>
        {
            var found = index.FindImage(path);
            return found is { IsReadable: true } && IsUnchanged(found, path) ? (index.VectorOf(found), found) : ((float[]?)null, found);
        });

        // Not indexed, or edited since: embed the file as it is now, with no reader held meanwhile.
        return (stored ?? CentredOnSnapshot(channels.Model.EmbedImage(path)), indexed);
    }

    /// <summary>The file of an image: an indexed one's, or the file given, which must exist.</summary>
    private string PathOf(ImageReference image)
    {
        if (image.Id is long id)
        {
            return FullPathOf(readers.Read(index => FindIndexed(index, id)));
        }

        string path = image.Path!;
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The image {path} does not exist. Give an image file, or the id of an indexed image.", path);
    }

    /// <summary>Absolute path of an indexed image (the images root never changes, so no reader is needed).</summary>
    private string FullPathOf(CatalogImage image) => Path.Combine(readers.Identity.ImagesRoot, image.Path);

    private static CatalogImage FindIndexed(IndexReader index, long id) => index.FindImage(id) ?? throw new IndexFolderException(
        $"The index {index.Folder} has no image with id {id}. Ids are listed by `itm search --json`; or give a file path.",
        IndexProblem.Missing);

    private static bool IsUnchanged(CatalogImage indexed, string path)
    {
        var file = new FileInfo(path);
        return file.Exists && file.Length == indexed.Size && file.LastWriteTimeUtc.Ticks == indexed.MtimeTicks;
    }

    /// <summary>The calibration a search applies; checked before any work, so a search that can't be cut fails at once.</summary>
    private ScoreCalibration? SearchCalibration(double? minPrecision)
    {
        if (minPrecision is double p && !(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minPrecision), p, "A minimum precision is a probability between 0 and 1 (exclusive), e.g. 0.8.");
        }

        // Moved to the index's size where the calibration's relevance depends on it (see FittedCalibration.ForImages).
        return Calibration?.ForImages(Math.Max(1, ImageCount))
            ?? (minPrecision is null ? null : throw new CalibrationMissingException(readers.Identity.ModelDir));
    }

    /// <summary>
    /// The <paramref name="k"/> best images for a query vector and the query's words (<see cref="WordMatch"/>): the
    /// nearest by cosine, and every image whose read words include a query word, each scored
    /// <c>cosine + weight × found / words</c>. Without words (none in the query, none read in the index, or a
    /// weight of 0) this is the nearest-neighbour search alone.
    /// </summary>
    private List<ImageMatch> Ranked(float[] vector, int k, IReadOnlyList<string> words, long? exclude, ScoreCalibration? calibrated)
    {
        float weight = queryOptions.Words.Weight;
        return readers.Read(index =>
        {
            var hits = index.SearchImages(vector, k, excludeId: exclude);
            if (words.Count == 0 || weight == 0)
            {
                return ToMatches(hits, calibrated);
            }

            var pool = hits.ToList();
            var seen = hits.Select(h => h.Image.Id).ToHashSet();
            foreach (var image in index.ImagesWithAnyWord(words))
            {
                if (image.Id != exclude && seen.Add(image.Id))
                {
                    pool.Add(new ImageHit(image, TensorPrimitives.Dot(index.VectorOf(image), vector)));
                }
            }

            var read = index.WordsOf(pool.Select(h => h.Image.Id));
            return pool
                .Select(hit => (Hit: hit, Found: read.TryGetValue(hit.Image.Id, out var have) ? WordMatch.Found(words, have.ToHashSet(StringComparer.Ordinal)) : []))
                .Select(m => (m.Hit, m.Found, Score: WordMatch.Score(m.Hit.Score, m.Found.Count, words.Count, weight)))
                .OrderByDescending(m => m.Score) // stable: equal scores keep the nearest-neighbour order
                .Take(k)
                .Select((m, i) => new ImageMatch(i + 1, m.Score, m.Hit.Image.Id, FullPathOf(m.Hit.Image), m.Hit.Image.Path,
                    calibrated?.Probability(m.Hit.Score))
                {
                    Cosine = m.Found.Count == 0 ? null : m.Hit.Score,
                    Words = m.Found,
                })
                .ToList();
        });
    }

    private List<ImageMatch> ToMatches(IReadOnlyList<ImageHit> hits, ScoreCalibration? calibrated = null) => hits
        .Select((hit, i) => new ImageMatch(i + 1, hit.Score, hit.Image.Id, FullPathOf(hit.Image), hit.Image.Path,
            calibrated?.Probability(hit.Score)))
        .ToList();

    /// <summary>
    /// The model and the text path to it (batcher, sentence cache), shared by the services that <see cref="Reopen"/> opens
    /// one after another on an index built with one model. Counted: the last service to dispose it closes it.
    /// </summary>
    private sealed class ModelChannels : IDisposable
    {
        private int users = 1;

        private ModelChannels(SharedModel model, TextEncodeBatcher? batcher, ITextEmbedder text)
        {
            Model = model;
            Batcher = batcher;
            Text = text;
        }

        public SharedModel Model { get; }

        public TextEncodeBatcher? Batcher { get; }

        public ITextEmbedder Text { get; }

        public static ModelChannels Open(ReaderPool readers, QueryOptions options, ITextEmbedder? text)
        {
            var identity = readers.Identity;
            var model = new SharedModel(new ModelEmbedders(identity.ModelDir, options.CacheDir, identity.ModelFingerprint, readers.Folder));

            // Cache, then batcher, then encoder: a repeated sentence never waits for a batch window.
            ITextEmbedder encoder = text ?? model;
            var batcher = options.TextBatch is { } batching ? new TextEncodeBatcher(encoder, batching) : null;
            encoder = batcher ?? encoder;
            if (text is null && options.SentenceCacheSize > 0)
            {
                encoder = new SentenceVectorCache(encoder, options.SentenceCacheSize, missesTogether: batcher is not null);
            }

            return new ModelChannels(model, batcher, encoder);
        }

        /// <summary>One more user; only while a user holds it (the service that shares it is open).</summary>
        public ModelChannels Share()
        {
            Interlocked.Increment(ref users);
            return this;
        }

        /// <summary>The batcher first (it drains what is waiting through the model), then the model.</summary>
        public void Dispose()
        {
            if (Interlocked.Decrement(ref users) == 0)
            {
                Batcher?.Dispose();
                Model.Dispose();
            }
        }
    }
}
