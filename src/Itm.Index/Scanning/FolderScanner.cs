using System.IO.Enumeration;
using Itm.Data.Images;

namespace Itm.Index.Scanning;

/// <summary>
/// Lists every image file under a folder, recursively, by the extensions the image pipeline decodes
/// (<see cref="ImageFileTypes"/>). Hidden files and folders (a leading '.') and unreadable folders are skipped.
/// Sizes and times come from the directory listing itself, so a re-run over an unchanged folder stats nothing twice.
/// <para>
/// Symbolic links never lead the scan out of the folder: a linked file is listed only when, with every link on the
/// way resolved, it lies inside the folder; linked folders are never entered (so a link to a parent cannot loop, and
/// no file is listed twice). Both kinds of link left out are reported as <see cref="SkippedEntry"/>.
/// </para>
/// </summary>
public static class FolderScanner
{
    // As Linux's own limit (MAXSYMLINKS): a longer chain is a loop.
    private const int MaxLinkHops = 40;

    /// <returns>The files ordered by relative path (ordinal), so every run sees them in the same order.</returns>
    public static IReadOnlyList<ScannedFile> Scan(string root, CancellationToken cancellation = default) => Scan(root, skipped: null, cancellation);

    /// <param name="skipped">Receives the symbolic links left out, in ordinal order of their relative paths.</param>
    /// <returns>The files ordered by relative path (ordinal), so every run sees them in the same order.</returns>
    public static IReadOnlyList<ScannedFile> Scan(string root, ICollection<SkippedEntry>? skipped, CancellationToken cancellation = default)
    {
        string fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"The images folder {fullRoot} does not exist. Check --images.");
        }

        string realRoot = RealPath(fullRoot) ?? fullRoot;
        string Relative(string full) => Path.GetRelativePath(fullRoot, full).Replace(Path.DirectorySeparatorChar, '/');
        var links = new List<SkippedEntry>();
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
            return new ScannedFile(Relative(full), full, entry.Length, entry.LastWriteTimeUtc.UtcTicks);
        }, options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
            {
                bool isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
                if (!isLink)
                {
                    return !entry.IsDirectory && ImageFileTypes.IsImage(entry.FileName);
                }

                string full = entry.ToFullPath();
                if (entry.IsDirectory || Directory.Exists(full))
                {
                    links.Add(new SkippedEntry(Relative(full), $"it is a symbolic link to a folder ({LinkTarget(full)}); linked folders are not followed"));
                    return false;
                }

                if (!ImageFileTypes.IsImage(entry.FileName))
                {
                    return false;
                }

                string? target = RealPath(full);
                if (target is null)
                {
                    links.Add(new SkippedEntry(Relative(full), $"it is a symbolic link loop (more than {MaxLinkHops} links deep)"));
                    return false;
                }

                if (!IsInside(target, realRoot))
                {
                    links.Add(new SkippedEntry(Relative(full), $"it is a symbolic link to {target}, outside the images folder"));
                    return false;
                }

                // Inside the folder (or dangling: the decoder then reports it as missing, by name).
                return true;
            },

            // Never descend through a link: the folder may be outside, or an ancestor (a loop).
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };

        var list = new List<ScannedFile>();
        foreach (var file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            list.Add(file);
        }

        list.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        if (skipped is not null)
        {
            foreach (var link in links.OrderBy(l => l.RelativePath, StringComparer.Ordinal))
            {
                skipped.Add(link);
            }
        }

        return list;
    }

    private static bool IsInside(string path, string root) =>
        path.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? path;
        }
        catch (IOException)
        {
            return "unreadable target";
        }
    }

    /// <summary>
    /// The absolute path with every symbolic link on the way resolved (as POSIX realpath, but a missing final part is
    /// allowed: a dangling link resolves to where it points); null for a loop.
    /// </summary>
    internal static string? RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string current = Path.GetPathRoot(full)!;
        var rest = new List<string>(Parts(full[current.Length..]));
        int hops = 0;
        while (rest.Count > 0)
        {
            string part = rest[0];
            rest.RemoveAt(0);
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string next = Path.Combine(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
                target = null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            rest.InsertRange(0, Parts(target));
        }

        return current;
    }

    private static string[] Parts(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
