namespace Itm.Index.Export;

/// <summary>What <see cref="EmbeddingExport"/> writes.</summary>
public sealed record EmbeddingExportOptions
{
    /// <summary>Write the caption corpus's vectors and texts too (when the index has captions).</summary>
    public bool IncludeCaptions { get; init; } = true;

    /// <summary>
    /// Write image paths as given to <c>itm index</c> (absolute, the default, as clip-retrieval's own metadata holds
    /// them) rather than relative to the indexed folder.
    /// </summary>
    public bool AbsolutePaths { get; init; } = true;
}
