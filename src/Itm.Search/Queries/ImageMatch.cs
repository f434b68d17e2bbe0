namespace Itm.Search.Queries;

/// <summary>An indexed image in a ranked answer.</summary>
/// <param name="Rank">1 for the best match.</param>
/// <param name="Score">
/// Cosine between the query's vector and the image's, in [-1, 1]; for a search whose words were found among the words
/// read inside the image (<c>itm index --ocr</c>), that cosine plus the words' share (<see cref="WordMatch"/>).
/// </param>
/// <param name="Id">The image's id in the index (stable while the file stays).</param>
/// <param name="Path">Absolute path of the image file.</param>
/// <param name="RelativePath">Path relative to the indexed folder, with '/'.</param>
/// <param name="Probability">
/// For a search whose model has a calibration: the calibrated probability that the image is one the query describes.
/// Null otherwise (no calibration, or an image-to-image answer, which the calibration does not cover).
/// </param>
public sealed record ImageMatch(int Rank, float Score, long Id, string Path, string RelativePath, double? Probability = null)
{
    /// <summary>The query words found among the words read inside the image, in query order; empty when none.</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>The cosine alone when <see cref="Words"/> added to <see cref="Score"/>; null when the score is the cosine.</summary>
    public float? Cosine { get; init; }
}
