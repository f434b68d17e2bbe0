using System.Text.Json;

namespace Itm.Data.Recipes;

/// <summary>One icon of an Iconify JSON file: its SVG body and the box it is drawn in.</summary>
/// <param name="Body">The SVG markup inside the root element ("&lt;path d=... /&gt;").</param>
/// <param name="Hidden">Kept by the set only so old names still resolve; not shown in its catalogue.</param>
/// <param name="Transformed">The icon itself asks to be rotated or flipped (the format allows it; no pinned set does).</param>
internal sealed record IconifyIcon(string Body, double Left, double Top, double Width, double Height, bool Hidden, bool Transformed);

/// <summary>
/// What an @iconify-json package says, read from its files: <c>icons.json</c> (the Iconify JSON format: <c>prefix</c>,
/// <c>icons</c>, <c>aliases</c>, default <c>width</c>/<c>height</c>), its <c>info</c> (in <c>icons.json</c> in older
/// packages, in <c>info.json</c> in the current ones) and its <c>categories</c> and style <c>suffixes</c> (likewise, or in
/// <c>metadata.json</c>). Every failure names the file.
/// </summary>
/// <param name="InfoFile">The file the licence and category were read from, for messages.</param>
/// <param name="Category">The set's category in the Iconify catalogue ("Thematic", "UI 24px"); "" when none.</param>
/// <param name="Aliases">Each alias that only renames its icon, resolved to that icon (chains followed); aliases that
/// rotate, flip or crop their parent draw something else and are not listed.</param>
/// <param name="Categories">Icon names by category, as the set groups them.</param>
/// <param name="StyleSuffixes">The name suffixes that mark a drawing style ("bold-duotone", "outline-24px"), longest first.</param>
internal sealed record IconifyPackageFiles(
    string IconsFile,
    string InfoFile,
    string Prefix,
    string LicenceSpdx,
    string Category,
    IReadOnlyDictionary<string, IconifyIcon> Icons,
    IReadOnlyDictionary<string, string> Aliases,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Categories,
    IReadOnlyList<string> StyleSuffixes)
{
    // The Iconify format's default when neither the icon nor the file gives a size.
    private const double DefaultSize = 16;

    // An alias may point at another alias; a longer chain than this is a loop.
    private const int MaxAliasChain = 8;

    /// <param name="packageDir">The package folder: its <c>icons.json</c>, and the <c>info.json</c> and <c>metadata.json</c> beside it when the icons file has no info or categories of its own.</param>
    /// <param name="iconsFile">Another icons file than the package's <c>icons.json</c>: one set's file of the
    /// <c>@iconify/json</c> collection (<c>json/PREFIX.json</c>), which holds its info and categories itself.</param>
    public static IconifyPackageFiles Read(string packageDir, string? iconsFile = null)
    {
        iconsFile ??= Path.Combine(packageDir, "icons.json");
        using JsonDocument icons = IconMetadataFile.ReadJson(iconsFile);
        JsonElement root = icons.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("icons", out JsonElement iconsObject) || iconsObject.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"The Iconify file '{iconsFile}' has no 'icons' object.");

        (JsonDocument? infoDocument, JsonElement info, string infoFile) = InfoOf(root, packageDir, iconsFile);
        (JsonDocument? metaDocument, JsonElement meta, string metaFile) = MetadataOf(root, packageDir, iconsFile);
        using (infoDocument)
        using (metaDocument)
        {
            string licence = info.ValueKind == JsonValueKind.Object && info.TryGetProperty("license", out JsonElement license)
                ? IconMetadataFile.String(license, "spdx")
                : "";
            double width = Number(root, "width", DefaultSize, iconsFile);
            double height = Number(root, "height", DefaultSize, iconsFile);
            var byName = new Dictionary<string, IconifyIcon>(StringComparer.Ordinal);
            foreach (JsonProperty icon in iconsObject.EnumerateObject())
                byName[icon.Name] = Icon(icon, width, height, iconsFile);

            return new IconifyPackageFiles(
                iconsFile,
                infoFile,
                IconMetadataFile.String(root, "prefix"),
                licence,
                info.ValueKind == JsonValueKind.Object ? IconMetadataFile.String(info, "category") : "",
                byName,
                ReadAliases(root, byName, iconsFile),
                ReadCategories(meta, metaFile),
                ReadSuffixes(meta).Concat(ReadSuffixes(root)).Distinct(StringComparer.Ordinal)
                    .OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToList());
        }
    }

    /// <summary>
    /// The set's info: <c>icons.json</c>'s <c>info</c> when it has one (older packages), else the whole of <c>info.json</c>;
    /// an undefined element when neither exists (the licence check then fails, naming the file looked for).
    /// </summary>
    private static (JsonDocument? Document, JsonElement Info, string File) InfoOf(JsonElement root, string packageDir, string iconsFile)
    {
        if (root.TryGetProperty("info", out JsonElement inline))
            return (null, inline, iconsFile);
        return Separate(Path.Combine(packageDir, "info.json"));
    }

    /// <summary>
    /// The object holding the set's <c>categories</c> and <c>suffixes</c>: <c>icons.json</c> itself when it has
    /// categories (older packages), else <c>metadata.json</c>; an undefined element when neither has them.
    /// </summary>
    private static (JsonDocument? Document, JsonElement Metadata, string File) MetadataOf(JsonElement root, string packageDir, string iconsFile)
    {
        if (root.TryGetProperty("categories", out _))
            return (null, root, iconsFile);
        return Separate(Path.Combine(packageDir, "metadata.json"));
    }

    private static (JsonDocument? Document, JsonElement Root, string File) Separate(string path)
    {
        if (!File.Exists(path))
            return (null, default, path);
        JsonDocument document = IconMetadataFile.ReadJson(path);
        return (document, document.RootElement, path);
    }

    private static IconifyIcon Icon(JsonProperty icon, double defaultWidth, double defaultHeight, string file)
    {
        JsonElement value = icon.Value;
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("body", out JsonElement body) || body.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"The Iconify file '{file}' has an icon '{icon.Name}' without a 'body' string.");
        bool transformed = Number(value, "rotate", 0, file) != 0 || Flag(value, "hFlip") || Flag(value, "vFlip");
        return new IconifyIcon(
            body.GetString()!,
            Number(value, "left", 0, file),
            Number(value, "top", 0, file),
            Number(value, "width", defaultWidth, file),
            Number(value, "height", defaultHeight, file),
            Flag(value, "hidden"),
            transformed);
    }

    private static Dictionary<string, string> ReadAliases(JsonElement root, IReadOnlyDictionary<string, IconifyIcon> icons, string file)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("aliases", out JsonElement aliases) || aliases.ValueKind != JsonValueKind.Object)
            return resolved;

        foreach (JsonProperty alias in aliases.EnumerateObject())
        {
            string name = alias.Name;
            for (int step = 0; step < MaxAliasChain; step++)
            {
                JsonElement link = aliases.GetProperty(name);
                if (link.ValueKind != JsonValueKind.Object || !OnlyRenames(link))
                    break;
                string parent = IconMetadataFile.String(link, "parent");
                if (parent.Length == 0)
                    throw new InvalidDataException($"The Iconify file '{file}' has an alias '{name}' without a parent.");
                if (icons.ContainsKey(parent))
                {
                    resolved[alias.Name] = parent;
                    break;
                }

                if (!aliases.TryGetProperty(parent, out _))
                    break;
                name = parent;
            }
        }

        return resolved;
    }

    /// <summary>Whether an alias entry only gives its parent a new name: no rotation, flip, crop or size of its own.</summary>
    private static bool OnlyRenames(JsonElement alias) =>
        alias.EnumerateObject().All(p => p.Name is "parent" or "hidden");

    private static Dictionary<string, IReadOnlyList<string>> ReadCategories(JsonElement meta, string file)
    {
        var categories = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (meta.ValueKind != JsonValueKind.Object || !meta.TryGetProperty("categories", out JsonElement all))
            return categories;
        if (all.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"The Iconify file '{file}' has a 'categories' that is not an object of icon names by category.");
        foreach (JsonProperty category in all.EnumerateObject())
            categories[category.Name] = IconMetadataFile.Strings(all, category.Name, file);
        return categories;
    }

    /// <summary>The style suffixes, from <c>suffixes</c> ({"bold": "Bold"}) or the older <c>themes</c> ({"x": {"suffix": "-bold"}}).</summary>
    private static List<string> ReadSuffixes(JsonElement source)
    {
        var suffixes = new List<string>();
        if (source.ValueKind != JsonValueKind.Object)
            return suffixes;
        if (source.TryGetProperty("suffixes", out JsonElement named) && named.ValueKind == JsonValueKind.Object)
            suffixes.AddRange(named.EnumerateObject().Select(p => p.Name));
        if (source.TryGetProperty("themes", out JsonElement themes) && themes.ValueKind == JsonValueKind.Object)
            suffixes.AddRange(themes.EnumerateObject().Select(t => IconMetadataFile.String(t.Value, "suffix").TrimStart('-')));
        return suffixes.Where(s => s.Length > 0).ToList();
    }

    private static double Number(JsonElement element, string name, double fallback, string file)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
            return fallback;
        if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
            throw new InvalidDataException($"The Iconify file '{file}' has a '{name}' that is not a number.");
        return value.GetDouble();
    }

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;
}
