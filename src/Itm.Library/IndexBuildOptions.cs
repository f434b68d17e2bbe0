using Itm.Data.Images.Ocr;
using Itm.Data.Ranking;
using Itm.Index.Indexing;

namespace Itm;

/// <summary>How <see cref="ItmIndex.Build"/> indexes a folder: the options of <c>itm index</c> beyond its three folders.</summary>
public sealed record IndexBuildOptions
{
    /// <summary>
    /// Sentences for <see cref="ItmIndex.Annotate(string, int)"/> to rank: a dataset (Karpathy JSON, COCO, captions.jsonl,
    /// Flickr8k) or a text file of one sentence per line (<c>--captions</c>). Null adds none; a later build can add them.
    /// </summary>
    public string? CaptionsPath { get; init; }

    /// <summary>Throw the index's vectors away and embed every image again: after retraining, or with another model or folder (<c>--reembed</c>).</summary>
    public bool Reembed { get; init; }

    /// <summary>Image feature cache folder; null for <c>$ITM_CACHE</c> or <c>~/.cache/itm</c> (<c>--cache</c>).</summary>
    public string? CacheDir { get; init; }

    /// <summary>
    /// Read the words inside images with Tesseract and keep them for search (<c>--ocr</c>; needs <c>apt-get install
    /// libtesseract5 tesseract-ocr-eng</c>, else the build fails at once with <see cref="OcrUnavailableException"/>);
    /// null reads none. See docs/collection.md, "Text inside images".
    /// </summary>
    public OcrOptions? Ocr { get; init; }

    /// <summary>
    /// Whether a new (or re-embedded) index centres its image vectors on the collection's mean (<c>--centre</c>); null
    /// follows the model: the base model centres, a trained model does not. See docs/search.md.
    /// </summary>
    public ImageCentring? Centring { get; init; }

    /// <summary>Batch sizes, compaction, and the search structure (exact scan or HNSW graph; <c>--batch</c>, <c>--search</c>, <c>--hnsw-threshold</c>).</summary>
    public IndexerOptions Indexer { get; init; } = new();
}
