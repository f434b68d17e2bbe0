using Itm.Data.Readers;

namespace Itm.Data.Recipes;

/// <summary>The raw-data folder a recipe reads from a Debian package: made present, kept apart from the output, listed in a stable order.</summary>
internal static class RecipeSource
{
    /// <summary>
    /// Installs the package when <paramref name="source"/> is its own missing folder (only that folder can be
    /// installed; any other missing folder is a mistake to report), and refuses an output folder that contains
    /// the source or lies inside it — a later run would read its own copies back in as new data.
    /// </summary>
    public static void Prepare(string source, string outDir, string defaultSourceDir, string package, string what, IProgress<string>? log)
    {
        if (!Directory.Exists(source))
        {
            if (source != defaultSourceDir)
                throw new DirectoryNotFoundException($"The {what} folder '{source}' does not exist.");
            DebianPackage.EnsureInstalled(package, source, log);
        }

        RefuseNested(source, outDir, "the source folder");
    }

    /// <summary>
    /// Refuses an output folder that is <paramref name="source"/>, contains it or lies inside it (both absolute): a
    /// later run would read its own copies back in as new data.
    /// </summary>
    public static void RefuseNested(string source, string outDir, string what)
    {
        if (source == outDir || ImagePaths.IsInside(source, outDir) || ImagePaths.IsInside(outDir, source))
            throw new ArgumentException($"The output folder ({outDir}) and {what} ({source}) must not contain each other.");
    }

    /// <summary>Relative paths ('/'-separated) of the files under <paramref name="source"/> matching <paramref name="pattern"/>, in ordinal order so every run sees the same order.</summary>
    public static List<string> FindFiles(string source, string pattern)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive };
        return Directory.EnumerateFiles(source, pattern, options)
            .Select(path => Path.GetRelativePath(source, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
