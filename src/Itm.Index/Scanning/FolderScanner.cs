using System.IO.Enumeration;
using Itm.Data.Images;

namespace Itm.Index.Scanning;

/// <summary>
/// Lists every image file under a folder, recursively, by the extensions the image pipeline decodes
/// (<see cref="ImageFileTypes"/>). Hidden files and folders (a leading '.') and unreadable folders are skipped.
/// Sizes and times come from the directory listing itself, so a re-run over an unchanged folder stats nothing twice.
/// </summary>
public static class FolderScanner
{
    /// <returns>The files ordered by relative path (ordinal), so every run sees them in the same order.</returns>
    public static IReadOnlyList<ScannedFile> Scan(string root, CancellationToken cancellation = default)
    {
        string fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"The images folder {fullRoot} does not exist. Check --images.");
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            ReturnSpecialDirectories = false,
        };
        var files = new FileSystemEnumerable<ScannedFile>(fullRoot, (ref FileSystemEntry entry) =>
        {
            string full = entry.ToFullPath();
            string relative = Path.GetRelativePath(fullRoot, full).Replace(Path.DirectorySeparatorChar, '/');
            return new ScannedFile(relative, full, entry.Length, entry.LastWriteTimeUtc.UtcTicks);
        }, options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && ImageFileTypes.IsImage(entry.FileName),
        };

        var list = new List<ScannedFile>();
        foreach (var file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            list.Add(file);
        }

        list.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return list;
    }
}
