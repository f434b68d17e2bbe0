using System.Text.Json.Serialization;
using Itm.Search.Queries;

namespace Itm.Server.Contracts;

/// <summary>The answer of <c>search</c> and <c>similar</c>: images, best first.</summary>
/// <param name="Query">The sentence searched for, <c>#ID</c> for an indexed image, or the uploaded file's name.</param>
/// <param name="AnyMatchProbability">
/// A search on a calibrated model: P(at least one of the best <paramref name="AnyMatchAmong"/> is a match) =
/// 1 − Π (1 − p_i), the results taken as independent. The page's "no good match" banner is decided from it, not from any
/// single image. Absent otherwise.
/// </param>
/// <param name="AnyMatchAmong">How many of the best results <paramref name="AnyMatchProbability"/> is over (at most 10, whatever k is).</param>
public sealed record ImagesResponse(
    string Query, IReadOnlyList<ImageResult> Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? AnyMatchProbability = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? AnyMatchAmong = null)
{
    /// <summary>A search's answer: its images, and P(any match) with how many it is over when the model is calibrated.</summary>
    public static ImagesResponse OfSearch(string query, ImageAnswer answer) =>
        new(query, [.. answer.Matches.Select(ImageResult.From)], answer.AnyMatchProbability,
            answer.AnyMatchProbability is null ? null : answer.Ranked);
}
