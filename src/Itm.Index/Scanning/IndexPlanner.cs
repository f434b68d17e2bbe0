using Itm.Index.Catalog;

namespace Itm.Index.Scanning;

/// <summary>Diffs a folder scan against the catalog into new, changed, deleted and unchanged files.</summary>
public static class IndexPlanner
{
    public static IndexPlan Plan(IReadOnlyList<ScannedFile> scanned, IReadOnlyList<CatalogImage> catalog)
    {
        var known = catalog.ToDictionary(image => image.Path, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<ScannedFile>();
        var changed = new List<ScannedFile>();
        var unchanged = new List<ScannedFile>();
        var knownUnreadable = new List<CatalogImage>();
        foreach (var file in scanned)
        {
            seen.Add(file.RelativePath);
            if (!known.TryGetValue(file.RelativePath, out var entry))
            {
                added.Add(file);
            }
            else if (entry.Size != file.Size || entry.MtimeTicks != file.MtimeTicks)
            {
                changed.Add(file);
            }
            else
            {
                unchanged.Add(file);
                if (!entry.IsReadable)
                {
                    knownUnreadable.Add(entry);
                }
            }
        }

        var deleted = catalog.Where(image => !seen.Contains(image.Path)).ToList();
        return new IndexPlan(added, changed, deleted, unchanged, knownUnreadable);
    }
}
