namespace Itm.Data.Recipes;

/// <summary>
/// The path a file really lives at, every symbolic link on the way followed: icon themes link one drawing under many
/// names, and link whole folders of one theme into another, so two paths are one drawing exactly when their real paths
/// are equal.
/// </summary>
internal static class RealPath
{
    // Linux gives up after 40 links (ELOOP); a loop in a theme must not hang the recipe.
    private const int MaxLinks = 40;

    /// <summary>
    /// The absolute path of <paramref name="path"/> with every link resolved, component by component. The result need not
    /// exist (a dangling link resolves to its missing target). Throws <see cref="IOException"/> on a loop of links.
    /// </summary>
    public static string Of(string path)
    {
        int links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string fullPath, ref int links)
    {
        string root = Path.GetPathRoot(fullPath) ?? "/";
        string current = root;
        foreach (string part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            string? target = new FileInfo(next).LinkTarget;
            if (target is not null)
            {
                if (++links > MaxLinks)
                    throw new IOException($"Too many symbolic links (a loop?) resolving '{fullPath}'.");
                // A relative target is relative to the folder the link sits in, whose own links are resolved already.
                next = Resolve(Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target)), ref links);
            }

            current = next;
        }

        return current;
    }
}
