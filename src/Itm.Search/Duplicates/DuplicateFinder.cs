using Itm.Data.Ranking;
using Itm.Index;
using Itm.Index.Catalog;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Vectors;

namespace Itm.Search.Duplicates;

/// <summary>
/// The duplicates of an index's images, from their stored vectors (nothing is embedded again): the rows grouped by
/// <see cref="DuplicateGrouper"/> through the index's own search structure, each candidate pair confirmed by the
/// images' <see cref="PixelFingerprint"/>s (read from the files of the candidates only) unless <see cref="PixelCheck.None"/>, named by the catalog.
/// </summary>
public static class DuplicateFinder
{
    public static DuplicateReport Find(IndexReader index, DuplicateOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (collection, search) = AsTheModelGaveThem(index, cancellation);
        using var owned = search;
        var byRow = index.Images()
            .Where(image => image.VectorRow is not null)
            .ToDictionary(image => image.VectorRow!.Value);
        Func<IReadOnlyList<RowPair>, bool[]>? confirm = options.Check == PixelCheck.Thumbnail
            ? pairs => Confirm(pairs, row => byRow.TryGetValue(row, out var image) ? index.FullPathOf(image) : null, options.PixelThreshold, cancellation)
            : null;
        var groups = DuplicateGrouper.Group(collection, options, confirm, cancellation);
        return new DuplicateReport(
            options.Threshold,
            collection.Live.LiveCount,
            [.. groups.Select(group => new DuplicateGroup([.. group.Members.Select(hit => Named(index, byRow, hit.Row, hit.Score))]))]);
    }

    /// <summary>
    /// The image vectors as the model gave them. The threshold is a cosine between two pictures' own vectors; an index
    /// centred on its collection (<see cref="CollectionCentre"/>) stores them centred, which spreads near copies apart
    /// (most of all when copies of one picture weigh on the mean), so they are restored, and searched by a structure of
    /// the kind the index uses (an exact scan, or an HNSW graph built here: the saved one walks the centred vectors),
    /// which the caller disposes; null when the index's own is used.
    /// </summary>
    private static (CollectionView Collection, IVectorIndex? Built) AsTheModelGaveThem(IndexReader index, CancellationToken cancellation)
    {
        var collection = index.ImageCollection();
        if (index.State.ImageCentre is not { } centre)
        {
            return (collection, null);
        }

        var rows = collection.Rows;
        float[] restored = new float[rows.Rows * rows.Dimension];
        foreach (long row in collection.Live.LiveRows(rows.Rows))
        {
            rows.CopyRows(row, 1, restored.AsSpan((int)(row * rows.Dimension), rows.Dimension));
        }

        centre.Restore(restored);
        var own = VectorRows.FromArray(restored, rows.Dimension);
        IVectorIndex search = collection.Index.Kind == VectorIndexKind.Hnsw
            ? HnswIndex.Build(own, collection.Live, new VectorIndexOptions(), cancellation)
            : new ExactIndex(own, collection.Live);
        return (new CollectionView(own, collection.Live, search), search);
    }

    /// <summary>Each pair's pixel check: the fingerprint of every image in a pair, read once and on all cores, then compared.</summary>
    private static bool[] Confirm(IReadOnlyList<RowPair> pairs, Func<long, string?> pathOf, float threshold, CancellationToken cancellation)
    {
        long[] rows = pairs.SelectMany(pair => new[] { pair.First, pair.Second }).Distinct().ToArray();
        var fingerprints = new float[]?[rows.Length];
        Parallel.For(0, rows.Length, new ParallelOptions { CancellationToken = cancellation }, i =>
            fingerprints[i] = pathOf(rows[i]) is { } path ? PixelFingerprint.Of(path) : null);
        var byRow = rows.Select((row, i) => (row, i)).ToDictionary(entry => entry.row, entry => fingerprints[entry.i]);
        return [.. pairs.Select(pair => PixelFingerprint.Alike(byRow[pair.First], byRow[pair.Second], threshold))];
    }

    private static DuplicateImage Named(IndexReader index, Dictionary<long, CatalogImage> byRow, long row, float similarity) =>
        byRow.TryGetValue(row, out var image)
            ? new DuplicateImage(image.Id, index.FullPathOf(image), image.Path, similarity)
            : throw new IndexFolderException(
                $"The catalog of {index.Folder} has no image for vector row {row}: the index is damaged. Rebuild it with `itm index ... --reembed`.",
                IndexProblem.Damaged);
}
