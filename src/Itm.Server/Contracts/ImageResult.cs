using System.Globalization;
using System.Text.Json.Serialization;
using Itm.Search.Queries;

namespace Itm.Server.Contracts;

/// <summary>An indexed image in a ranked answer, with the URLs that show it (never a path on the server).</summary>
/// <param name="Rank">1 for the best match.</param>
/// <param name="Score">
/// Cosine between the query's vector and the image's, in [-1, 1]; plus the share of query words found among the words
/// read inside the image when there are some (<c>itm index --ocr</c>; see <c>WordMatch</c>).
/// </param>
/// <param name="Id">The image's id in the index.</param>
/// <param name="Path">Path relative to the indexed folder, with '/'.</param>
/// <param name="Thumbnail">URL of a square WebP thumbnail.</param>
/// <param name="Url">URL of the original file.</param>
/// <param name="Probability">
/// A search on a model with a calibration: the probability that the image is one the query describes. Absent otherwise
/// (no calibration, or <c>similar</c>, which it does not cover).
/// </param>
/// <param name="Words">The query words found among the words read inside the image; absent when none.</param>
/// <param name="Cosine">The score without the words, when <paramref name="Words"/> added to it; absent otherwise.</param>
public sealed record ImageResult(
    int Rank, float Score, long Id, string Path, string Thumbnail, string Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Probability = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Words = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Cosine = null)
{
    public static ImageResult From(ImageMatch match)
    {
        string id = match.Id.ToString(CultureInfo.InvariantCulture);
        return new ImageResult(match.Rank, match.Score, match.Id, match.RelativePath, $"/api/images/{id}/thumbnail", $"/api/images/{id}", match.Probability,
            match.Words.Count > 0 ? match.Words : null, match.Cosine);
    }
}
