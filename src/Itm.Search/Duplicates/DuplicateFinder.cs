using Itm.Index;
using Itm.Index.Catalog;
using Itm.Index.Storage;

namespace Itm.Search.Duplicates;

/// <summary>
/// The duplicates of an index's images, from their stored vectors (nothing is embedded again): the rows grouped by
/// <see cref="DuplicateGrouper"/> through the index's own search structure, named by the catalog.
/// </summary>
public static class DuplicateFinder
{
    public static DuplicateReport Find(IndexReader index, DuplicateOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var collection = index.ImageCollection();
        var groups = DuplicateGrouper.Group(collection, options, cancellation);
        var byRow = index.Images()
            .Where(image => image.VectorRow is not null)
            .ToDictionary(image => image.VectorRow!.Value);
        return new DuplicateReport(
            options.Threshold,
            collection.Live.LiveCount,
            [.. groups.Select(group => new DuplicateGroup([.. group.Members.Select(hit => Named(index, byRow, hit.Row, hit.Score))]))]);
    }

    private static DuplicateImage Named(IndexReader index, Dictionary<long, CatalogImage> byRow, long row, float similarity) =>
        byRow.TryGetValue(row, out var image)
            ? new DuplicateImage(image.Id, index.FullPathOf(image), image.Path, similarity)
            : throw new IndexFolderException(
                $"The catalog of {index.Folder} has no image for vector row {row}: the index is damaged. Rebuild it with `itm index ... --reembed`.",
                IndexProblem.Damaged);
}
