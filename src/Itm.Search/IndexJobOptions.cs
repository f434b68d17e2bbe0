using Itm.Data.Images.Ocr;
using Itm.Data.Ranking;
using Itm.Index.Captions;
using Itm.Index.Indexing;

namespace Itm.Search;

/// <summary>What <see cref="IndexJob"/> indexes, with which model, into which folder.</summary>
public sealed record IndexJobOptions
{
    /// <summary>
    /// Model folder written by <c>itm train</c>, or "base" (<see cref="Itm.Model.Persistence.BaseModel"/>); null: the model
    /// the index was built with when it exists, else the base model.
    /// </summary>
    public string? ModelDir { get; init; }

    /// <summary>The folder of images; every image under it, recursively, is indexed.</summary>
    public required string ImagesDir { get; init; }

    /// <summary>The index folder (created if missing).</summary>
    public required string IndexDir { get; init; }

    /// <summary>Sentences for annotation: a dataset (Karpathy JSON, COCO, captions.jsonl, Flickr8k) or one sentence per line.</summary>
    public string? CaptionsPath { get; init; }

    /// <summary>Limits on the captions file (longest sentence kept); lines over them are skipped and named.</summary>
    public CaptionCorpusOptions CaptionLimits { get; init; } = new();

    /// <summary>Throw away the index's vectors and embed everything again (another model, or another folder).</summary>
    public bool Reembed { get; init; }

    /// <summary>Image feature cache folder; null for the default.</summary>
    public string? CacheDir { get; init; }

    /// <summary>
    /// <c>--ocr</c>: read the words inside images with Tesseract and keep them in the index, for search to match
    /// (see <c>Queries.WordMatch</c>); null reads none. Tesseract missing fails the run before any work.
    /// </summary>
    public OcrOptions? Ocr { get; init; }

    /// <summary>Images whose words are read at once with <see cref="Ocr"/> (one Tesseract engine each); 0 for one per core.</summary>
    public int OcrThreads { get; init; }

    /// <summary>
    /// <c>--centre</c>: whether a new (or re-embedded) index centres its image vectors on the collection's mean; null
    /// follows the model (<see cref="Itm.Model.Persistence.CollectionCentring.DefaultFor"/>: the base model centres).
    /// </summary>
    public ImageCentring? Centring { get; init; }

    public IndexerOptions Indexer { get; init; } = new();
}
