using System.Globalization;
using Itm.Search.Duplicates;

namespace Itm.Server.Contracts;

/// <summary>The answer of <c>duplicates</c>: groups of images that are copies of one another, largest first.</summary>
/// <param name="Threshold">The cosine at or above which two images count as duplicates.</param>
/// <param name="Images">The images compared.</param>
/// <param name="Redundant">Images in a group other than its representative: what keeping one of each group would remove.</param>
public sealed record DuplicatesResponse(float Threshold, long Images, int Redundant, IReadOnlyList<DuplicateGroupResult> Groups)
{
    public static DuplicatesResponse From(DuplicateReport report) =>
        new(report.Threshold, report.Images, report.Redundant, [.. report.Groups.Select(DuplicateGroupResult.From)]);
}

/// <summary>One group: the representative first, then the others, most similar to it first.</summary>
public sealed record DuplicateGroupResult(int Size, IReadOnlyList<DuplicateImageResult> Images)
{
    public static DuplicateGroupResult From(DuplicateGroup group) => new(group.Images.Count, [.. group.Images.Select(DuplicateImageResult.From)]);
}

/// <summary>An image of a group, with the URLs that show it (never a path on the server).</summary>
/// <param name="Id">The image's id in the index.</param>
/// <param name="Path">Path relative to the indexed folder, with '/'.</param>
/// <param name="Similarity">Cosine between the image's vector and the representative's (1 for the representative).</param>
/// <param name="Thumbnail">URL of a square WebP thumbnail.</param>
/// <param name="Url">URL of the original file.</param>
public sealed record DuplicateImageResult(long Id, string Path, float Similarity, string Thumbnail, string Url)
{
    public static DuplicateImageResult From(DuplicateImage image)
    {
        string id = image.Id.ToString(CultureInfo.InvariantCulture);
        return new DuplicateImageResult(image.Id, image.RelativePath, image.Similarity, $"/api/images/{id}/thumbnail", $"/api/images/{id}");
    }
}
