using Itm.Index.Catalog;

namespace Itm.Index.Scanning;

/// <summary>
/// What a run has to do: the folder as scanned, diffed against the catalog by (path, size, mtime).
/// </summary>
/// <param name="New">Files the catalog has never seen.</param>
/// <param name="Changed">Files whose size or modification time differs from the catalog's: embedded again.</param>
/// <param name="Deleted">Catalog entries whose file is gone (or left out of the scan for a reason other than an ignore rule).</param>
/// <param name="Unchanged">Files exactly as the catalog has them, nothing to do.</param>
/// <param name="KnownUnreadable">Unchanged files that an earlier run could not read; not tried again until they change.</param>
public sealed record IndexPlan(
    IReadOnlyList<ScannedFile> New,
    IReadOnlyList<ScannedFile> Changed,
    IReadOnlyList<CatalogImage> Deleted,
    IReadOnlyList<ScannedFile> Unchanged,
    IReadOnlyList<CatalogImage> KnownUnreadable)
{
    /// <summary>New and changed files, in path order: what gets embedded.</summary>
    public IReadOnlyList<ScannedFile> ToEmbed { get; } =
        [.. New.Concat(Changed).OrderBy(f => f.RelativePath, StringComparer.Ordinal)];

    /// <summary>Catalog entries that an ignore rule (.itmignore or <c>--exclude</c>) now leaves out: removed from the index as deleted ones are.</summary>
    public IReadOnlyList<CatalogImage> Ignored { get; init; } = [];

    public bool HasWork => New.Count > 0 || Changed.Count > 0 || Deleted.Count > 0 || Ignored.Count > 0;
}
