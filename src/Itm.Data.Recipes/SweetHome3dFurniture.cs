using System.IO.Compression;
using Itm.Data.IO;
using Itm.Data.Readers;

namespace Itm.Data.Recipes;

/// <summary>
/// The furniture catalogues of Sweet Home 3D as Debian's sweethome3d-furniture ships them: five zip catalogues
/// (<c>*.sh3f</c>) of household things (furniture, lamps, kitchenware, toys, plants...) with a colour picture of each,
/// rendered from its 3D model on a transparent background. <c>PluginFurnitureCatalog.properties</c> in each catalogue
/// names every item (<c>name#N</c>), files it in a category (<c>category#N</c>) and tags it (<c>tags#N</c>), and points at
/// its picture (<c>icon#N</c>). A picture's captions: its name, then its category and its tags, less the tags that mark
/// more than half of a catalogue (its own name: "Blend Swap", "Scopia").
/// </summary>
/// <remarks>
/// The catalogues' licences (each catalogue's LICENSE.TXT, and Debian's copyright file): Blend Swap CC-0 public
/// domain; Blend Swap CC-BY and Scopia CC-BY-3.0; KatorLegaz and Reallusion CC-BY-3.0-US. None of the models comes from
/// OpenClipart, Tux Paint or an emoji set: they are 3D models, and the pictures are renders of them.
/// </remarks>
public sealed class SweetHome3dFurniture : IPackedDrawingSet
{
    private const string CatalogFile = "PluginFurnitureCatalog.properties";

    private readonly string? _unpackDir;
    private Dictionary<string, IReadOnlyList<CaptionCandidate>> _captions = new(StringComparer.Ordinal);

    /// <param name="unpackDir">Where the pictures are unpacked; <c>$ITM_CACHE/drawings/sweethome3d</c> by default.</param>
    public SweetHome3dFurniture(string? unpackDir = null) => _unpackDir = unpackDir;

    public string Key => "sweethome3d";

    public string Package => "sweethome3d-furniture";

    public string DefaultSourceDir => "/usr/share/sweethome3d/furniture";

    public string Licence => "CC0-1.0 AND CC-BY-3.0 AND CC-BY-3.0-US";

    public string Credit => "Emmanuel Puybaret (eTeks) and the models' authors, through Blend Swap, Scopia, KatorLegaz and Reallusion";

    public string Unpack(string installedDir, IProgress<string>? log)
    {
        string target = Path.GetFullPath(_unpackDir ?? Path.Combine(RecipeCache.Folder("drawings"), Key));
        var captions = new Dictionary<string, IReadOnlyList<CaptionCandidate>>(StringComparer.Ordinal);
        foreach (string catalogPath in Directory.GetFiles(installedDir, "*.sh3f").Order(StringComparer.Ordinal))
        {
            string catalogName = Path.GetFileNameWithoutExtension(catalogPath);
            using ZipArchive zip = ZipFile.OpenRead(catalogPath);
            ZipArchiveEntry listing = zip.GetEntry(CatalogFile)
                ?? throw new InvalidDataException($"The furniture catalogue '{catalogPath}' has no {CatalogFile}.");
            Dictionary<string, string> properties;
            using (Stream stream = listing.Open())
                properties = JavaProperties.Parse(stream);

            var items = Items(properties).ToList();
            var boilerplate = items.SelectMany(item => item.Tags.Distinct(StringComparer.OrdinalIgnoreCase))
                .GroupBy(tag => tag, StringComparer.OrdinalIgnoreCase)
                .Where(tag => tag.Count() * 2 > items.Count)
                .Select(tag => tag.Key)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            int written = 0;
            foreach (var item in items)
            {
                // A picture the catalogue lacks, or a path that would climb out of the folder, is the item's fault alone: skipped.
                string entry = item.Icon.TrimStart('/');
                string relative = $"{catalogName}/{entry}";
                string file = Path.GetFullPath(Path.Combine(target, relative));
                if (zip.GetEntry(entry) is not { } icon || !ImagePaths.IsInside(target, file) || captions.ContainsKey(relative))
                    continue;
                using (var data = new MemoryStream())
                {
                    using (Stream stream = icon.Open())
                        stream.CopyTo(data);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    AtomicFile.WriteIfChanged(file, data.ToArray());
                }

                string keywords = string.Join(", ", item.Tags.Where(tag => !boilerplate.Contains(tag)).Prepend(item.Category)
                    .Where(word => word.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Select(word => word.ToLowerInvariant()));
                captions[relative] = keywords.Length > 0
                    ? [new CaptionCandidate(CaptionKind.Title, item.Name.ToLowerInvariant()), new CaptionCandidate(CaptionKind.Keywords, keywords)]
                    : [new CaptionCandidate(CaptionKind.Title, item.Name.ToLowerInvariant())];
                written++;
            }

            log?.Report($"Unpacked {written} of the {items.Count} pictures of {catalogPath} into {Path.Combine(target, catalogName)}");
        }

        _captions = captions;
        return target;
    }

    public IReadOnlyList<string> List(string sourceDir) =>
        [.. _captions.Keys.Where(relative => File.Exists(Path.Combine(sourceDir, relative))).Order(StringComparer.Ordinal)];

    public IReadOnlyList<CaptionCandidate> Captions(string relativePath) => _captions.GetValueOrDefault(relativePath) ?? [];

    private sealed record Item(string Name, string Category, IReadOnlyList<string> Tags, string Icon);

    /// <summary>The catalogue's items (<c>name#1</c>, <c>name#2</c>... with an icon), in number order; an item without a name says nothing.</summary>
    private static IEnumerable<Item> Items(Dictionary<string, string> properties)
    {
        var numbers = properties.Keys
            .Where(key => key.StartsWith("name#", StringComparison.Ordinal))
            .Select(key => int.TryParse(key.AsSpan(5), out int n) ? n : -1)
            .Where(n => n >= 0)
            .Order();
        foreach (int n in numbers)
        {
            string name = properties[$"name#{n}"].Trim();
            if (name.Length == 0 || !properties.TryGetValue($"icon#{n}", out string? icon) || icon.Length == 0)
                continue;
            yield return new Item(
                name,
                properties.GetValueOrDefault($"category#{n}")?.Trim() ?? "",
                (properties.GetValueOrDefault($"tags#{n}") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                icon.Trim());
        }
    }
}
