namespace Itm.Data.Images;

/// <summary>
/// The file name extensions <see cref="ImageLoader"/> decodes, for code that finds images in a folder: JPEG, PNG,
/// WebP, GIF, BMP through SkiaSharp, SVG and gzipped SVG through Svg.Skia. Matching is case-insensitive.
/// </summary>
public static class ImageFileTypes
{
    /// <summary>Lowercase, with the leading dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } =
        [".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp", ".gif", ".bmp", ".svg", ".svgz"];

    private static readonly HashSet<string> Known = new(Extensions, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="path"/> ends in one of <see cref="Extensions"/>.</summary>
    public static bool IsImage(string path) => Known.Contains(Path.GetExtension(path));

    /// <summary>The same test without allocating, for folder scans that see every file name.</summary>
    public static bool IsImage(ReadOnlySpan<char> fileName)
    {
        var extension = Path.GetExtension(fileName);
        foreach (string known in Extensions)
        {
            if (extension.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
