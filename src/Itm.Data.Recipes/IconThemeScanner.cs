using System.Text.RegularExpressions;

namespace Itm.Data.Recipes;

/// <summary>
/// Lists the drawings of one installed icon theme: the files of the folders its <c>index.theme</c> lists → leave out
/// what is no drawing of a thing (symbolic, panel and notification glyphs; contexts <see cref="IconContexts"/> skips, and their
/// names filed elsewhere; application ids and brands; the theme's colour variants; other formats; dangling links), counting each by reason →
/// per name, the best file (an SVG before a PNG, then the largest) → names whose file is a link to another kept
/// name's file join that name's drawing, so each real file is one drawing carrying all its names.
/// </summary>
internal static class IconThemeScanner
{
    public const string Symbolic = "symbolic";
    public const string OtherFormat = "otherFormat";
    public const string EmptyName = "emptyName";
    public const string ApplicationId = "applicationId";
    public const string ApplicationBrand = "applicationBrand";
    public const string ColourVariant = "colourVariant";
    public const string MimeTypeName = "mimetypeName";
    public const string EmoteName = "emoteName";
    public const string BrokenLink = "brokenLink";

    /// <summary>The skip reason of a context the recipe leaves out: "context:mimetypes".</summary>
    public static string SkippedContext(string context) => "context:" + (context.Length == 0 ? "none" : context);

    /// <summary>Scans the theme in <paramref name="themeDir"/> (which holds its index.theme).</summary>
    public static ThemeScan Scan(string themeDir, IconTheme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        IReadOnlyList<IconThemeDirectory> folders = IconThemeIndex.Read(Path.Combine(themeDir, "index.theme"));
        Regex? variants = theme.ColourVariants is null ? null : new Regex(theme.ColourVariants, RegexOptions.CultureInvariant);

        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byName = new SortedDictionary<NameKey, List<ThemeFile>>();
        var folderPaths = new HashSet<string>(StringComparer.Ordinal);
        int listed = 0;
        foreach (IconThemeDirectory folder in folders)
        {
            string dir = Path.Combine(themeDir, folder.RelativePath);
            // A HiDPI folder is often a link to a larger one ("16x16@2x" → "32x32"): the files are listed once, at the first.
            if (!Directory.Exists(dir) || !folderPaths.Add(RealPath.Of(dir)))
                continue;
            string context = IconContexts.Normalise(folder.Context);
            foreach (string path in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                listed++;
                ThemeFile? file = Read(path, folder, context, variants, out string? reason);
                if (reason is not null)
                {
                    skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                    continue;
                }

                var key = new NameKey(context, file!.Name);
                if (!byName.TryGetValue(key, out List<ThemeFile>? files))
                    byName[key] = files = [];
                files.Add(file);
            }
        }

        Dictionary<NameKey, ThemeFile> best = byName.ToDictionary(p => p.Key, p => Best(p.Value));
        // The name whose own file (no link) a real path is: a link to that path makes the linking name an alias of it.
        var owner = new Dictionary<string, NameKey>(StringComparer.Ordinal);
        foreach ((NameKey key, List<ThemeFile> files) in byName)
        {
            foreach (ThemeFile file in files.Where(f => !f.IsLink))
                owner.TryAdd(file.RealPath, key);
        }

        var namesByDrawing = new SortedDictionary<string, List<NameKey>>(StringComparer.Ordinal);
        foreach (NameKey key in byName.Keys)
        {
            string drawing = DrawingOf(key, best, owner);
            if (!namesByDrawing.TryGetValue(drawing, out List<NameKey>? names))
                namesByDrawing[drawing] = names = [];
            names.Add(key);
        }

        var drawings = new List<ThemeDrawing>(namesByDrawing.Count);
        foreach ((string realPath, List<NameKey> keys) in namesByDrawing)
        {
            NameKey first = owner.TryGetValue(realPath, out NameKey own) && keys.Contains(own)
                ? own
                : keys.FirstOrDefault(k => k.Name == Stem(realPath), keys[0]);
            List<string> names = [first.Name, .. keys.Where(k => k != first).Select(k => k.Name).Distinct(StringComparer.Ordinal).Where(n => n != first.Name)];
            drawings.Add(new ThemeDrawing($"{first.Context}/{first.Name}{Extension(realPath)}", realPath, first.Context, names));
        }

        // Drawings in the order of their output path, so every run lists (and dedupes) them alike.
        drawings.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new ThemeScan(
            listed, skipped, byName.Values.Sum(files => files.Count - 1), byName.Count, byName.Count - drawings.Count, drawings);
    }

    /// <summary>The file as a candidate drawing of its name, or null with the reason it is left out.</summary>
    private static ThemeFile? Read(string path, IconThemeDirectory folder, string context, Regex? variants, out string? reason)
    {
        string fileName = Path.GetFileName(path);
        string extension = Extension(fileName);
        string name = fileName[..^extension.Length];
        reason = IconContexts.FolderSkipReason(folder.RelativePath)
            ?? (extension.Length == 0 ? OtherFormat : null)
            ?? (FreedesktopIconNames.IsSymbolic(name) ? Symbolic : null)
            ?? (IconContexts.RuleOf(context) == IconContextRule.Skip ? SkippedContext(context) : null)
            ?? (name.Length == 0 ? EmptyName : null)
            ?? (FreedesktopIconNames.IsApplicationId(name) ? ApplicationId : null)
            ?? (FreedesktopIconNames.IsMimeTypeName(name) ? MimeTypeName : null)
            ?? (FreedesktopIconNames.IsEmoteName(name) ? EmoteName : null)
            ?? (IconNameBrands.StartsWithBrand(name) ? ApplicationBrand : null)
            ?? (IconContexts.RuleOf(context) == IconContextRule.SpecNamesOnly && !FreedesktopIconNames.IsSpecApplicationName(name) ? ApplicationBrand : null)
            ?? (variants?.IsMatch(name) == true ? ColourVariant : null);
        if (reason is not null)
            return null;

        string realPath;
        try
        {
            realPath = RealPath.Of(path);
        }
        catch (IOException)
        {
            realPath = "";
        }

        if (realPath.Length == 0 || !File.Exists(realPath))
        {
            reason = BrokenLink;
            return null;
        }

        bool isLink = new FileInfo(path).LinkTarget is not null;
        bool vector = extension is ".svg" or ".svgz";
        return new ThemeFile(path, name, folder.Pixels, vector, isLink, realPath);
    }

    /// <summary>The drawing a name stands for: its best file's real path, or, when that file is a link to another kept name's own file, that name's drawing.</summary>
    private static string DrawingOf(NameKey key, Dictionary<NameKey, ThemeFile> best, Dictionary<string, NameKey> owner)
    {
        var visited = new HashSet<NameKey>();
        ThemeFile file = best[key];
        while (visited.Add(key) && file.IsLink && owner.TryGetValue(file.RealPath, out NameKey target) && target != key && best.ContainsKey(target))
        {
            key = target;
            file = best[key];
        }

        return file.RealPath;
    }

    /// <summary>An SVG before a PNG (it is the drawing itself, at any size), then the largest, then a real file before a link.</summary>
    private static ThemeFile Best(List<ThemeFile> files) => files
        .OrderByDescending(f => f.Vector)
        .ThenByDescending(f => f.Pixels)
        .ThenBy(f => f.IsLink)
        .ThenBy(f => f.Path, StringComparer.Ordinal)
        .First();

    /// <summary>".svg", ".svgz" or ".png" (lower case), or "" for any other file.</summary>
    private static string Extension(string fileName)
    {
        string extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension is ".svg" or ".svgz" or ".png" ? extension : "";
    }

    private static string Stem(string path)
    {
        string fileName = Path.GetFileName(path);
        return fileName[..^Extension(fileName).Length];
    }

    private readonly record struct NameKey(string Context, string Name) : IComparable<NameKey>
    {
        public int CompareTo(NameKey other)
        {
            int byContext = string.CompareOrdinal(Context, other.Context);
            return byContext != 0 ? byContext : string.CompareOrdinal(Name, other.Name);
        }
    }

    /// <param name="Pixels">The size its folder is for (<see cref="IconThemeDirectory.Pixels"/>).</param>
    private sealed record ThemeFile(string Path, string Name, int Pixels, bool Vector, bool IsLink, string RealPath);
}
