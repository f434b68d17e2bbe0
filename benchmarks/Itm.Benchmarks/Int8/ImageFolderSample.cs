namespace Itm.Benchmarks.Int8;

/// <summary>An even, repeatable sample of the image files under a folder: sorted by path, every k-th kept.</summary>
public static class ImageFolderSample
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".svg"];

    /// <summary>At most <paramref name="limit"/> files of at least <paramref name="minBytes"/> bytes under <paramref name="folder"/> (0: all).</summary>
    public static IReadOnlyList<string> Take(string folder, int limit, long minBytes)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No folder '{folder}'.");
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => Extensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase) && new FileInfo(p).Length >= minBytes)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (limit <= 0 || files.Count <= limit)
        {
            return files;
        }

        return [.. Enumerable.Range(0, limit).Select(i => files[(int)((long)i * files.Count / limit)])];
    }
}
