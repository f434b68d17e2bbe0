namespace Itm.Data.Readers;

/// <summary>Turns the image paths written in dataset files into absolute paths, and tells when one leaves its root.</summary>
internal static class ImagePaths
{
    /// <summary>
    /// The absolute path of <paramref name="relativePath"/> under <paramref name="root"/>. Backslashes count as
    /// separators, because datasets written on Windows use them and no real image name contains one.
    /// </summary>
    public static string Resolve(string root, string relativePath) =>
        Path.GetFullPath(relativePath.Replace('\\', '/'), root);

    /// <summary>True when <paramref name="fullPath"/> lies inside <paramref name="root"/> (both absolute).</summary>
    public static bool IsInside(string root, string fullPath)
    {
        string prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// A stable key for an image inside <paramref name="root"/>: its path relative to the root with forward slashes,
    /// so <c>a/./b.jpg</c> and <c>a/b.jpg</c> are one image. Paths outside the root keep their text (they are rejected later).
    /// </summary>
    public static string Key(string root, string relativePath)
    {
        string full = Resolve(root, relativePath);
        return IsInside(root, full)
            ? Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/')
            : relativePath;
    }
}
