using Itm.Data.Images.Ocr;
using Itm.Data.Ranking;
using Itm.Index.Nearest;
using Itm.Index.Scanning;
using Itm.Index.Vectors;

namespace Itm.Index.Indexing;

/// <summary>How an indexing run batches, compacts and builds its search structures.</summary>
public sealed record IndexerOptions
{
    /// <summary>
    /// Images embedded and committed together. A kill loses at most one batch of work; each commit costs an fsync and a
    /// transaction, a few milliseconds next to the seconds a batch of images takes to decode and embed.
    /// </summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Sentences embedded and committed together (sentences are about a hundred times cheaper than images).</summary>
    public int CaptionBatchSize { get; init; } = 4096;

    /// <summary>Rewrite a vector file without its dead rows (changed and deleted images) once they are more than this fraction of it.</summary>
    public double CompactWhenDeadFraction { get; init; } = 0.25;

    /// <summary>
    /// How the vector files store values; null keeps what the index has (float32 for a new one). A different precision
    /// rewrites the index's vector files once, at the start of the run (nothing is embedded again).
    /// </summary>
    public VectorPrecision? VectorPrecision { get; init; }

    /// <summary>When collections get an HNSW graph, and its parameters.</summary>
    public VectorIndexOptions Search { get; init; } = new();

    /// <summary>Where the vectors are searched; null keeps what the index folder has (embedded unless bound to <see cref="Mirror"/>'s backend).</summary>
    public IndexBackend? Backend { get; init; }

    /// <summary>
    /// The scale-out backend (Itm.Index.Garnet's, with its nodes and layout), for <see cref="IndexBackend.Garnet"/> or a
    /// folder already bound to it; null: only the embedded backend, the folder itself.
    /// </summary>
    public IIndexMirror? Mirror { get; init; }

    /// <summary>
    /// Ignore rules for this run, over every .itmignore: each is one line of .itmignore (gitignore) syntax, anchored
    /// at the images folder. They are not recorded: a later run without them indexes what they left out.
    /// </summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>
    /// With <c>--ocr</c>: reads the words inside images. New and changed images get theirs in the commit that adds
    /// their vectors; images already indexed without words (an index built before, or without, <c>--ocr</c>) get
    /// theirs after the embedding. Null reads none, and keeps the words earlier runs read for unchanged files.
    /// </summary>
    public IImageTextReader? ImageText { get; init; }

    /// <summary>
    /// Whether an index that has no image vectors yet (new, or re-embedded) centres them on the collection's mean
    /// (<see cref="CollectionCentre"/>), estimated from <see cref="CentreSample"/> images spread over the folder before the
    /// first is committed. An index that already has vectors keeps what it chose then. <c>itm index</c> sets it from
    /// <c>--centre</c> or the model (Itm.Search's IndexJobOptions.Centring), over what is given here.
    /// </summary>
    public ImageCentring Centring { get; init; } = ImageCentring.None;

    /// <summary>The model's part shares, which centred vectors are normalised by (one part: <c>[1]</c>).</summary>
    public IReadOnlyList<double> CentreParts { get; init; } = [1.0];

    /// <summary>
    /// How many images the centre is estimated from: 256 spread over the folder put OpenClipart's zero-shot R-sum within
    /// 0.5 of its whole-collection mean, and their features are cached, so embedding them again costs little.
    /// </summary>
    public int CentreSample { get; init; } = 256;

    /// <summary>
    /// A centre estimated from fewer than <see cref="CentreSample"/> images is estimated again, from the stored vectors,
    /// once the collection has this many times as many images: so an index begun on a handful of images and grown by
    /// later runs (<c>--watch</c>) ends up centred on a sample of the whole, after at most a few rewrites of small files.
    /// </summary>
    public int RecentreGrowth { get; init; } = 4;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CaptionBatchSize, 1, nameof(CaptionBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CentreSample, 1, nameof(CentreSample));
        ArgumentOutOfRangeException.ThrowIfLessThan(RecentreGrowth, 2, nameof(RecentreGrowth));
        if (VectorPrecision is { } precision && !Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(VectorPrecision), precision, "Not a vector precision.");
        }

        if (!Enum.IsDefined(Centring))
        {
            throw new ArgumentOutOfRangeException(nameof(Centring), Centring, "Not an image centring.");
        }

        if (CompactWhenDeadFraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CompactWhenDeadFraction), CompactWhenDeadFraction, "A fraction between 0 and 1.");
        }

        foreach (string pattern in Exclude)
        {
            // In an .itmignore such a line is no rule; given on its own it is a mistake, not a no-op.
            if (IgnorePattern.Parse(pattern) is null)
            {
                throw new ArgumentException(
                    $"The exclude pattern \"{pattern}\" matches nothing: it is blank, a # comment, or only ! or / (write \\# for a name that starts with #).", nameof(Exclude));
            }
        }

        Search.Validate();
        if (Backend is { } backend && !Enum.IsDefined(backend))
        {
            throw new ArgumentOutOfRangeException(nameof(Backend), backend, "Not an index backend.");
        }
    }
}
