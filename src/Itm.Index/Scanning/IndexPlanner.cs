using Itm.Index.Catalog;

namespace Itm.Index.Scanning;

/// <summary>Diffs a folder scan against the catalog into new, changed, deleted, ignored and unchanged files.</summary>
public static class IndexPlanner
{
    /// <summary>
    /// The plan of a scan: an indexed file the scan left out because an ignore rule now covers it (the file, or a
    /// folder above it) is planned for removal as <see cref="IndexPlan.Ignored"/>, the rest of those left out as deleted.
    /// </summary>
    public static IndexPlan Plan(FolderScan scan, IReadOnlyList<CatalogImage> catalog)
    {
        var files = scan.IgnoredFiles.ToHashSet(StringComparer.Ordinal);
        var folders = scan.IgnoredFolders.ToHashSet(StringComparer.Ordinal);
        bool IsIgnored(string path)
        {
            if (files.Contains(path))
            {
                return true;
            }

            for (int slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
            {
                if (folders.Contains(path[..slash]))
                {
                    return true;
                }
            }

            return false;
        }

        var plan = Plan(scan.Files, catalog);
        var leftOut = plan.Deleted.ToLookup(image => IsIgnored(image.Path));
        return plan with { Deleted = [.. leftOut[false]], Ignored = [.. leftOut[true]] };
    }

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
