using System.Text.Json;

namespace Itm.Data.Recipes;

/// <summary>Lucide (<c>lucide-static</c>): <c>tags.json</c> maps each name to its tags; each drawing is <c>icons/&lt;name&gt;.svg</c>.</summary>
public sealed class LucideIconSet : IIconSet
{
    public string Key => "lucide";

    public string Package => "lucide-static";

    public string Version => "1.62.0";

    public string Licence => "ISC";

    public IReadOnlyList<IconEntry> Read(string packageDir)
    {
        string file = Path.Combine(packageDir, "tags.json");
        using JsonDocument meta = IconMetadataFile.ReadJson(file);
        if (meta.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"The icon metadata file '{file}' is not an object of tags by name.");
        var tagged = meta.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.Array
                ? p.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
                : throw new InvalidDataException($"The icon metadata file '{file}' has tags of '{p.Name}' that are not an array."),
            StringComparer.Ordinal);

        // Every drawing in icons/ is an icon, tagged or not; a tagged name without a drawing is listed so it is counted.
        string icons = Path.Combine(packageDir, "icons");
        IEnumerable<string> drawn = Directory.Exists(icons)
            ? Directory.EnumerateFiles(icons, "*.svg").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            : [];
        return drawn.Union(tagged.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => new IconEntry($"icons/{name}.svg", name, [], tagged.GetValueOrDefault(name) ?? []))
            .ToList();
    }
}
