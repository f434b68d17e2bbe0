using Itm.Data.Images;
using Itm.Index;
using Itm.Index.Indexing;
using Itm.Model.Persistence;
using Itm.Search;
using Itm.Search.Duplicates;
using Itm.Search.Explanations;
using Itm.Search.Export;
using Itm.Search.Queries;

namespace Itm;

/// <summary>
/// An index of a folder of images (written by <c>itm index</c> or <see cref="Build"/>), answered with the model it was
/// built with: <see cref="Search(string, int, double?)"/> images with a sentence, <see cref="Annotate(string, int)"/> an
/// image with the index's captions, find <see cref="Similar(string, int)"/> images, <see cref="Explain(string, string, ExplainOptions?)"/>
/// a match, find <see cref="Duplicates"/>. The same answers, scores and errors as the <c>itm</c> commands of those names.
/// </summary>
/// <remarks>
/// The model is loaded only when a query needs something embedded: a sentence, or an image file that is not indexed
/// (or has changed since); an indexed image is answered from its stored vector. Dispose the index to release its files
/// and the model. An instance is not thread-safe; use one per thread, or serialise calls.
/// </remarks>
/// <example>
/// <code>
/// ItmIndex.Build("models/tuxpaint", "photos", "photos.itm", new IndexBuildOptions { CaptionsPath = "captions.txt" });
/// using var index = ItmIndex.Open("photos.itm");
/// foreach (var hit in index.Search("a dog on a beach", k: 5))
/// {
///     Console.WriteLine($"{hit.Rank}. {hit.Score:F3} {hit.RelativePath}");
/// }
///
/// foreach (var caption in index.Annotate("photos/dog.jpg", k: 3))
/// {
///     Console.WriteLine($"{caption.Score:F3} {caption.Text}");
/// }
/// </code>
/// </example>
public sealed class ItmIndex : IDisposable
{
    private readonly QueryService service;

    private ItmIndex(QueryService service, string folder)
    {
        this.service = service;
        Folder = folder;
    }

    /// <summary>Absolute path of the index folder.</summary>
    public string Folder { get; }

    /// <summary>The model folder the index was built with (and queries are embedded with).</summary>
    public string ModelDir => service.Identity.ModelDir;

    /// <summary>The folder of images the index holds.</summary>
    public string ImagesDir => service.Identity.ImagesRoot;

    /// <summary>Searchable images (those with a vector; files unreadable when indexed are not counted).</summary>
    public long Count => service.ImageCount;

    /// <summary>Captions <see cref="Annotate(string, int)"/> ranks.</summary>
    public long CaptionCount => service.CaptionCount;

    /// <summary>Length of every vector in the index.</summary>
    public int Dimension => service.Identity.Dimension;

    /// <summary>Whether the index's model has a calibration, so search results carry a probability and a search can ask for a minimum precision.</summary>
    public bool IsCalibrated => service.Calibration is not null;

    /// <summary>
    /// Builds an index of every image under a folder (recursively), or brings an existing one up to date, as
    /// <c>itm index</c> does: new and changed files are embedded, deleted ones dropped, unchanged ones left alone (a
    /// rerun on an unchanged folder only scans it and never loads the model). Files that can't be decoded are skipped
    /// and listed in the report. An interrupted build loses at most one batch; the next one carries on.
    /// </summary>
    /// <param name="modelDir">The model folder to embed images with, or "base" for the base model that ships with itm (<see cref="Itm.Model.Persistence.BaseModel"/>).</param>
    /// <param name="imagesDir">The folder of images (png, jpg, webp, gif, bmp, svg).</param>
    /// <param name="indexDir">The index folder; created if missing.</param>
    /// <param name="options">Captions for annotation, re-embedding, cache folder, batching and search structure; null for the defaults.</param>
    /// <param name="progress">
    /// Receives each stage (scan, embed images, embed captions, ...) and its progress, on the indexing thread:
    /// <c>InlineProgress&lt;T&gt;</c> (Itm.Data) handles them there, in order; <see cref="Progress{T}"/> posts them to the thread pool.
    /// </param>
    /// <param name="cancellationToken">Stops the build between batches; what was committed stays.</param>
    /// <returns>What the build found and did: files new, changed, deleted, unchanged and unreadable; the counts now in the index.</returns>
    /// <exception cref="DirectoryNotFoundException">The images folder does not exist.</exception>
    /// <exception cref="ModelFolderException">The model folder is missing or can't be used.</exception>
    /// <exception cref="IndexFolderException">The index folder holds another model's or another folder's index (see <see cref="IndexBuildOptions.Reembed"/>), or is in use.</exception>
    /// <example>
    /// <code>
    /// var report = ItmIndex.Build("models/tuxpaint", "photos", "photos.itm",
    ///     progress: new InlineProgress&lt;IndexEvent&gt;(e => Console.WriteLine(e)));
    /// Console.WriteLine($"{report.Embedded} embedded, {report.Unreadable.Count} unreadable, {report.Images} searchable");
    /// </code>
    /// </example>
    public static IndexRunReport Build(
        string modelDir,
        string imagesDir,
        string indexDir,
        IndexBuildOptions? options = null,
        IProgress<IndexEvent>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(indexDir);
        options ??= new IndexBuildOptions();
        options.Indexer.Validate();
        return IndexJob.Run(new IndexJobOptions
        {
            ModelDir = modelDir,
            ImagesDir = imagesDir,
            IndexDir = indexDir,
            CaptionsPath = options.CaptionsPath,
            Reembed = options.Reembed,
            CacheDir = options.CacheDir,
            Ocr = options.Ocr,
            Centring = options.Centring,
            Indexer = options.Indexer,
        }, progress, cancellationToken);
    }

    /// <summary>Opens an index for queries. Nothing is embedded, and the model is not loaded, until a query needs it.</summary>
    /// <param name="indexDir">The index folder.</param>
    /// <param name="options">The cache folder for query images and the search structure's settings; null for the defaults.</param>
    /// <exception cref="IndexFolderException">The folder holds no index, or an unfinished or damaged one; the message names it and says what to run.</exception>
    /// <example>
    /// <code>
    /// using var index = ItmIndex.Open("photos.itm");
    /// Console.WriteLine($"{index.Count} images, {index.CaptionCount} captions");
    /// </code>
    /// </example>
    public static ItmIndex Open(string indexDir, QueryOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexDir);
        string full = Path.GetFullPath(indexDir);
        return new ItmIndex(QueryService.Open(full, options), full);
    }

    /// <summary>
    /// The <paramref name="k"/> images that best match a query, best first, as <c>itm search</c> finds them. The query is
    /// words, with the query algebra: the words without an operator are one phrase, searched exactly as typed;
    /// <c>+word</c> adds a term, <c>-word</c> subtracts one, <c>2:word</c> weighs it, quotes group words
    /// (<c>a dog on a beach -people +"at sunset"</c>).
    /// </summary>
    /// <param name="query">What to look for.</param>
    /// <param name="k">How many images at most; at least 1.</param>
    /// <param name="minPrecision">
    /// When set (0 &lt; P &lt; 1), only the images at least this likely, by the model's calibration, to be ones the query
    /// describes: the results' expected precision is then at least P, and there may be fewer than <paramref name="k"/>, or none.
    /// </param>
    /// <returns>The images, best first, each with its score and, for a calibrated model, its probability of matching.</returns>
    /// <exception cref="QueryExpressionException">The query can't be searched (bad syntax or weight, nothing positive, terms that cancel); the message names the token and its position.</exception>
    /// <exception cref="CalibrationMissingException"><paramref name="minPrecision"/> is set and the model has no calibration.</exception>
    /// <example>
    /// <code>
    /// using var index = ItmIndex.Open("photos.itm");
    /// var likely = index.Search("a red apple", k: 20, minPrecision: 0.8);
    /// </code>
    /// </example>
    public IReadOnlyList<ImageResult> Search(string query, int k = 10, double? minPrecision = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return Images(service.Search(QueryExpression.Parse(query), k, minPrecision));
    }

    /// <summary>
    /// As <see cref="Search(string, int, double?)"/>, with the query's P(any match) for a calibrated model: the page's
    /// "no good match" when it is below the precision asked for, "one of these probably does" when no single image
    /// reaches it but together they likely hold one.
    /// </summary>
    /// <param name="query">What to look for, with the query algebra of <see cref="Search(string, int, double?)"/>.</param>
    /// <param name="k">How many images at most; at least 1.</param>
    /// <param name="minPrecision">As for <see cref="Search(string, int, double?)"/>.</param>
    /// <returns>The images and the query-level probability.</returns>
    /// <exception cref="QueryExpressionException">The query can't be searched; the message names the token.</exception>
    /// <exception cref="CalibrationMissingException"><paramref name="minPrecision"/> is set and the model has no calibration.</exception>
    /// <example>
    /// <code>
    /// var answer = index.Answer("a red apple", k: 20, minPrecision: 0.8);
    /// if (answer.AnyMatchProbability &lt; 0.8) Console.WriteLine("No good match");
    /// </code>
    /// </example>
    public SearchAnswer Answer(string query, int k = 10, double? minPrecision = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var answer = service.Answer(QueryExpression.Parse(query), k, minPrecision);
        return new SearchAnswer(Images(answer.Matches), answer.AnyMatchProbability, answer.Ranked);
    }

    /// <summary>
    /// The <paramref name="k"/> images that best match a query and an image together (<c>itm search QUERY --image IMAGE</c>):
    /// the image's vector is one more term of the query, weighted <paramref name="imageWeight"/>. An indexed image given
    /// this way is left out of the results.
    /// </summary>
    /// <param name="query">Words, with the query algebra of <see cref="Search(string, int, double?)"/>.</param>
    /// <param name="image">An image file (<see cref="ImageReference.File"/>, indexed or not) or an indexed image (<see cref="ImageReference.Indexed"/>, by <see cref="ImageResult.Id"/>).</param>
    /// <param name="imageWeight">The image's weight: any finite number but 0; negative means "less like this image".</param>
    /// <param name="k">How many images at most; at least 1.</param>
    /// <param name="minPrecision">As for <see cref="Search(string, int, double?)"/>; the query is judged by its vector as if it were a sentence's.</param>
    /// <returns>The images, best first.</returns>
    /// <exception cref="QueryExpressionException">The query can't be searched; the message names the token.</exception>
    /// <exception cref="FileNotFoundException">The image file does not exist.</exception>
    /// <exception cref="IndexFolderException">No indexed image has the id given.</exception>
    public IReadOnlyList<ImageResult> Search(string query, ImageReference image, double imageWeight = 1, int k = 10, double? minPrecision = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(image);
        return Images(service.Search(QueryExpression.Parse(query, image, imageWeight), k, minPrecision));
    }

    /// <summary>The unit vector a query searches with (its terms weighted and summed in the model's space), for use outside the index.</summary>
    /// <param name="query">Words, with the query algebra of <see cref="Search(string, int, double?)"/>.</param>
    /// <returns>A unit vector of <see cref="Dimension"/> floats.</returns>
    public float[] EmbedQuery(string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return service.Embed(QueryExpression.Parse(query));
    }

    /// <summary>The <paramref name="k"/> captions of the index's corpus that best describe an image file, best first (<c>itm annotate</c>).</summary>
    /// <param name="imagePath">An image file, indexed or not (an indexed, unchanged file is answered from its stored vector).</param>
    /// <param name="k">How many captions at most; at least 1.</param>
    /// <returns>The captions, best first.</returns>
    /// <exception cref="IndexFolderException">The index has no captions (build it with <see cref="IndexBuildOptions.CaptionsPath"/>).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <example>
    /// <code>
    /// using var index = ItmIndex.Open("photos.itm");
    /// string best = index.Annotate("holiday/IMG_0042.jpg", k: 1)[0].Text;
    /// </code>
    /// </example>
    public IReadOnlyList<CaptionResult> Annotate(string imagePath, int k = 5) => Annotate(FileReference(imagePath), k);

    /// <summary>The <paramref name="k"/> captions of the index's corpus that best describe an image, best first.</summary>
    /// <param name="image">An image file, or an indexed image by id.</param>
    /// <param name="k">How many captions at most; at least 1.</param>
    /// <returns>The captions, best first.</returns>
    /// <exception cref="IndexFolderException">The index has no captions, or no image with the id given.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public IReadOnlyList<CaptionResult> Annotate(ImageReference image, int k = 5)
    {
        ArgumentNullException.ThrowIfNull(image);
        return service.Annotate(image, k).Select(c => new CaptionResult(c.Rank, c.Id, c.Text, c.Score)).ToList();
    }

    /// <summary>The <paramref name="k"/> captions that best describe an image held in memory (an upload), best first.</summary>
    /// <param name="image">The encoded image (the file's bytes), read from its current position to its end.</param>
    /// <param name="k">How many captions at most; at least 1.</param>
    /// <param name="name">A name for errors (a file name; its extension helps tell an SVG); null for "image".</param>
    /// <returns>The captions, best first.</returns>
    /// <exception cref="ImageLoadException">The bytes are not an image itm can decode; the message names <paramref name="name"/>.</exception>
    public IReadOnlyList<CaptionResult> Annotate(Stream image, int k = 5, string? name = null)
    {
        using var file = TemporaryImageFile.Write(image, name);
        return file.Use(path => Annotate(ImageReference.File(path), k));
    }

    /// <summary>The <paramref name="k"/> indexed images nearest to an image file, best first (<c>itm similar</c>); the file itself is left out when it is indexed.</summary>
    /// <param name="imagePath">An image file, indexed or not.</param>
    /// <param name="k">How many images at most; at least 1.</param>
    /// <returns>The images, best first (no probabilities: the calibration covers sentence queries only).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public IReadOnlyList<ImageResult> Similar(string imagePath, int k = 10) => Similar(FileReference(imagePath), k);

    /// <summary>The <paramref name="k"/> indexed images nearest to an image, best first; an indexed image is left out of its own results.</summary>
    /// <param name="image">An image file, or an indexed image by id.</param>
    /// <param name="k">How many images at most; at least 1.</param>
    /// <returns>The images, best first.</returns>
    /// <exception cref="IndexFolderException">No indexed image has the id given.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public IReadOnlyList<ImageResult> Similar(ImageReference image, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Images(service.Similar(image, k));
    }

    /// <summary>The <paramref name="k"/> indexed images nearest to an image held in memory (an upload), best first.</summary>
    /// <param name="image">The encoded image (the file's bytes), read from its current position to its end.</param>
    /// <param name="k">How many images at most; at least 1.</param>
    /// <param name="name">A name for errors; null for "image".</param>
    /// <returns>The images, best first.</returns>
    /// <exception cref="ImageLoadException">The bytes are not an image itm can decode; the message names <paramref name="name"/>.</exception>
    public IReadOnlyList<ImageResult> Similar(Stream image, int k = 10, string? name = null)
    {
        using var file = TemporaryImageFile.Write(image, name);
        return file.Use(path => Similar(ImageReference.File(path), k));
    }

    /// <summary>
    /// The groups of exact and near-duplicate images in the index (resized, re-encoded, cropped a little, recoloured),
    /// largest first, as <c>itm duplicates</c> finds them: from the stored vectors, through the index's nearest-neighbour
    /// search, so nothing is embedded and the model is not loaded.
    /// </summary>
    /// <param name="options">The threshold (cosine at or above which two images are duplicates); null for the defaults.</param>
    /// <param name="cancellationToken">Stops the search between batches of images.</param>
    /// <returns>The groups, each with its representative first and the others' similarity to it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not a cosine from 0.5 to 1; the message says what to give.</exception>
    /// <example>
    /// <code>
    /// using var index = ItmIndex.Open("photos.itm");
    /// foreach (var group in index.Duplicates(new DuplicateOptions { Threshold = 0.95f }).Groups)
    /// {
    ///     Console.WriteLine($"{group.Representative.RelativePath}: {group.Images.Count - 1} copies");
    /// }
    /// </code>
    /// </example>
    public DuplicateReport Duplicates(DuplicateOptions? options = null, CancellationToken cancellationToken = default) =>
        service.Duplicates(options, cancellationToken);

    /// <summary>
    /// Why an image file matches a sentence (<c>itm explain</c>): the score, how much each word weighs, and a heatmap of
    /// the regions that drive the score (each region hidden in turn), with its peak. The sentence is read as one
    /// sentence, operators and all. Draw it with <see cref="RenderOverlayPng"/>.
    /// </summary>
    /// <param name="imagePath">An image file, indexed or not.</param>
    /// <param name="sentence">The sentence whose match to explain.</param>
    /// <param name="options">The heatmap's grid and how regions are hidden; null for the defaults (a 7 × 7 grid: 65 embeddings of the image).</param>
    /// <returns>The explanation, with the image as the model saw it.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <example>
    /// <code>
    /// using var index = ItmIndex.Open("photos.itm");
    /// var why = index.Explain("photos/dog.jpg", "a dog on a beach");
    /// File.WriteAllBytes("why.png", ItmIndex.RenderOverlayPng(why));
    /// foreach (var word in why.Words) Console.WriteLine($"{word.Word}: {word.Drop:+0.000;-0.000}");
    /// </code>
    /// </example>
    public Explanation Explain(string imagePath, string sentence, ExplainOptions? options = null) => Explain(FileReference(imagePath), sentence, options);

    /// <summary>Why an image matches a sentence; see <see cref="Explain(string, string, ExplainOptions?)"/>.</summary>
    /// <param name="image">An image file, or an indexed image by id.</param>
    /// <param name="sentence">The sentence whose match to explain.</param>
    /// <param name="options">The heatmap's grid and how regions are hidden; null for the defaults.</param>
    /// <returns>The explanation, with the image as the model saw it.</returns>
    /// <exception cref="IndexFolderException">No indexed image has the id given.</exception>
    public Explanation Explain(ImageReference image, string sentence, ExplainOptions? options = null) => service.Explain(image, sentence, options);

    /// <summary>An explanation drawn for people: the image as the model saw it, the heatmap over it, and the peak outlined, as a PNG.</summary>
    /// <param name="explanation">From <see cref="Explain(string, string, ExplainOptions?)"/>.</param>
    /// <param name="width">Width in pixels (at least 16); the height keeps the image's aspect.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] RenderOverlayPng(Explanation explanation, int width = 320) => OverlayRenderer.RenderPng(explanation, width);

    /// <summary>What the index holds and how it answers: counts, dimension, model and search structure. Reads the model's manifest, never its weights.</summary>
    /// <returns>The index's statistics; the model fields are null when its folder can't be read now.</returns>
    public IndexStats Stats() => service.Stats();

    /// <summary>The indexed image with this id, or null: its file and what the index knows of it.</summary>
    /// <param name="id">An id from <see cref="ImageResult.Id"/>.</param>
    /// <returns>The image, or null when no indexed image has this id.</returns>
    public IndexedImage? FindImage(long id) => service.FindImage(id);

    /// <summary>
    /// Writes the index's image and caption vectors as <c>.npy</c> files with parquet metadata, in the layout
    /// clip-retrieval uses, and (unless <paramref name="onnx"/> is false) the index's model as ONNX encoders in an
    /// <c>onnx</c> sub-folder, as <c>itm export --db</c> does.
    /// </summary>
    /// <param name="outDir">The folder to write into; created if missing.</param>
    /// <param name="onnx">Also write the model's encoders as ONNX.</param>
    /// <returns>The counts and files written.</returns>
    public ExportJobReport Export(string outDir, bool onnx = true) =>
        ExportJob.Run(new ExportJobOptions { IndexDir = Folder, OutDir = outDir, Onnx = onnx });

    /// <summary>Closes the index's files and releases the model.</summary>
    public void Dispose() => service.Dispose();

    private static ImageReference FileReference(string imagePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagePath);
        return ImageReference.File(imagePath);
    }

    private static List<ImageResult> Images(IReadOnlyList<ImageMatch> matches) =>
        matches.Select(m => new ImageResult(m.Rank, m.Id, m.Path, m.RelativePath, m.Score, m.Probability)).ToList();
}
