using System.IO.Enumeration;
using Itm.Data.Images;

namespace Itm.Index.Scanning;

/// <summary>
/// Lists every image file under a folder, recursively, by the extensions the image pipeline decodes
/// (<see cref="ImageFileTypes"/>). Hidden files and folders (a leading '.') and unreadable folders are skipped.
/// Sizes and times come from the directory listing itself, so a re-run over an unchanged folder stats nothing twice.
/// <para>
/// Ignore rules leave files and folders out: <c>--exclude</c> patterns and .itmignore files in gitignore syntax
/// (<see cref="IgnoreRules"/>). An ignored folder is never entered, so a large tree left out costs one match, not a walk.
/// </para>
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
    public static IReadOnlyList<ScannedFile> Scan(string root, CancellationToken cancellation = default) => Scan(root, [], cancellation).Files;

    /// <param name="exclude">Ignore rules over every .itmignore, each one line of .itmignore syntax anchored at <paramref name="root"/>.</param>
    public static FolderScan Scan(string root, IReadOnlyList<string> exclude, CancellationToken cancellation = default)
    {
        string fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"The images folder {fullRoot} does not exist. Check --images.");
        }

        string realRoot = RealPath(fullRoot) ?? fullRoot;

        // Every path the enumerator gives starts with the folder it was given (as trimmed here): cutting that off is
        // the relative path, without Path.GetRelativePath's work on each of a large tree's files.
        string rootKey = Path.TrimEndingDirectorySeparator(fullRoot);
        int rootLength = Path.EndsInDirectorySeparator(rootKey) ? rootKey.Length : rootKey.Length + 1;
        string Relative(string full) => full[rootLength..].Replace(Path.DirectorySeparatorChar, '/');
        var links = new List<SkippedEntry>();
        var ignoredFiles = new List<string>();
        var ignoredFolders = new List<string>();
        var unreadableRules = new List<SkippedEntry>();
        int foldersEntered = 1;

        // The rules of each folder waiting to be listed, by the path the enumerator will list it under (the folder's
        // path joined to the name of its entry, as it queues it). The enumerator lists one folder to the end before the
        // next, breadth first, so only the queued ones are held.
        var waiting = new Dictionary<string, IgnoreRules>(StringComparer.Ordinal)
        {
            [rootKey] = IgnoreRules.ForRoot(exclude, ReadRules(fullRoot, string.Empty, realRoot, unreadableRules)),
        };
        string listing = string.Empty;
        IgnoreRules? rules = null;
        IgnoreRules RulesOf(ReadOnlySpan<char> folder)
        {
            if (rules is null || !folder.SequenceEqual(listing))
            {
                listing = folder.ToString();
                rules = waiting.Remove(listing, out var next) ? next : throw new InvalidOperationException($"The scan listed {listing} without its ignore rules.");
            }

            return rules;
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
            return new ScannedFile(Relative(full), full, entry.Length, entry.LastWriteTimeUtc.UtcTicks);
        }, options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
            {
                bool isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
                if (!isLink)
                {
                    return !entry.IsDirectory && ImageFileTypes.IsImage(entry.FileName) && !IsIgnoredFile(ref entry);
                }

                string full = entry.ToFullPath();
                bool linkedFolder = entry.IsDirectory || Directory.Exists(full);
                if (!linkedFolder && !ImageFileTypes.IsImage(entry.FileName))
                {
                    return false;
                }

                // As git, which matches a link as a file whatever it points to: an ignored link is left out unreported.
                if (linkedFolder ? RulesOf(entry.Directory).IsIgnored(Relative(full), isDirectory: false) : IsIgnoredFile(ref entry))
                {
                    return false;
                }

                if (linkedFolder)
                {
                    links.Add(new SkippedEntry(Relative(full), $"it is a symbolic link to a folder ({LinkTarget(full)}); linked folders are not followed"));
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

            // Never descend through a link: the folder may be outside, or an ancestor (a loop). Nor into an ignored
            // folder: nothing under it can be included again (as in git), so it is not listed at all.
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
            {
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    return false;
                }

                string full = entry.ToFullPath();
                string relative = Relative(full);
                var parentRules = RulesOf(entry.Directory);
                if (parentRules.IsIgnored(relative, isDirectory: true))
                {
                    ignoredFolders.Add(relative);
                    return false;
                }

                waiting[full] = parentRules.Below(relative, ReadRules(full, relative, realRoot, unreadableRules));
                foldersEntered++;
                return true;
            },
        };

        bool IsIgnoredFile(ref FileSystemEntry entry)
        {
            string relative = Relative(entry.ToFullPath());
            if (!RulesOf(entry.Directory).IsIgnored(relative, isDirectory: false))
            {
                return false;
            }

            ignoredFiles.Add(relative);
            return true;
        }

        var list = new List<ScannedFile>();
        foreach (var file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            list.Add(file);
        }

        list.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new FolderScan(
            list,
            [.. links.OrderBy(l => l.RelativePath, StringComparer.Ordinal)],
            [.. ignoredFiles.Order(StringComparer.Ordinal)],
            [.. ignoredFolders.Order(StringComparer.Ordinal)],
            [.. unreadableRules.OrderBy(r => r.RelativePath, StringComparer.Ordinal)],
            foldersEntered);
    }

    /// <summary>
    /// Whether a scan would leave out <paramref name="relativePath"/> because of the ignore rules in force for it: its own
    /// rule, or a folder above it that is ignored (so never entered), with every .itmignore on the way read now. What a
    /// watcher asks of a changed path, so that a change the next scan would not see starts no run.
    /// </summary>
    /// <param name="relativePath">Relative to <paramref name="root"/>, '/' separated.</param>
    /// <param name="exclude">As for <see cref="Scan(string, IReadOnlyList{string}, CancellationToken)"/>.</param>
    public static bool IsIgnored(string root, string relativePath, bool isDirectory, IReadOnlyList<string> exclude)
    {
        string fullRoot = Path.GetFullPath(root);
        string realRoot = RealPath(fullRoot) ?? fullRoot;
        var problems = new List<SkippedEntry>();
        var rules = IgnoreRules.ForRoot(exclude, ReadRules(fullRoot, string.Empty, realRoot, problems));
        string[] parts = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;   // The images folder itself.
        }

        string folder = string.Empty;
        foreach (string part in parts[..^1])
        {
            folder = folder.Length == 0 ? part : $"{folder}/{part}";
            if (rules.IsIgnored(folder, isDirectory: true))
            {
                return true;
            }

            rules = rules.Below(folder, ReadRules(Path.Join(fullRoot, folder), folder, realRoot, problems));
        }

        return rules.IsIgnored(relativePath, isDirectory);
    }

    /// <summary>
    /// The text of a folder's .itmignore, or null when it has none or it cannot be used: unreadable, or a link out of
    /// the images folder (as linked images, rules are taken only from inside it); those are added to <paramref name="problems"/>.
    /// </summary>
    private static string? ReadRules(string folder, string relativeFolder, string realRoot, List<SkippedEntry> problems)
    {
        string path = Path.Join(folder, IgnoreRules.FileName);
        if (!Path.Exists(path))
        {
            return null;
        }

        string relative = relativeFolder.Length == 0 ? IgnoreRules.FileName : $"{relativeFolder}/{IgnoreRules.FileName}";
        try
        {
            if (new FileInfo(path).LinkTarget is not null && (RealPath(path) is not { } target || !IsInside(target, realRoot)))
            {
                problems.Add(new SkippedEntry(relative, "it is a symbolic link out of the images folder, so its rules were not applied"));
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new SkippedEntry(relative, $"it could not be read ({e.Message.TrimEnd('.')}), so its rules were not applied"));
            return null;
        }
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
