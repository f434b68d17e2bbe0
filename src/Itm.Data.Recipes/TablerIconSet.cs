using System.Text.Json;

namespace Itm.Data.Recipes;

/// <summary>
/// Tabler Icons (<c>@tabler/icons</c>): <c>icons.json</c> maps each name to its <c>category</c>, <c>tags</c> and
/// <c>styles</c>; the outline drawing is <c>icons/outline/&lt;name&gt;.svg</c> and, when the icon has one, the filled
/// variant <c>icons/filled/&lt;name&gt;.svg</c> (named "&lt;name&gt;-filled" here, so its captions say so).
/// </summary>
public sealed class TablerIconSet : IIconSet
{
    private static readonly string[] Styles = ["outline", "filled"];

    public string Key => "tabler";

    public string Package => "@tabler/icons";

    public string Version => "3.52.0";

    public string Licence => "MIT";

    public IReadOnlyList<IconEntry> Read(string packageDir)
    {
        string file = Path.Combine(packageDir, "icons.json");
        using JsonDocument meta = IconMetadataFile.ReadJson(file);
        if (meta.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"The icon metadata file '{file}' is not an object of icons by name.");
        var entries = new List<IconEntry>();
        foreach (JsonProperty icon in meta.RootElement.EnumerateObject())
        {
            string name = IconMetadataFile.String(icon.Value, "name") is { Length: > 0 } given ? given : icon.Name;
            var tags = IconMetadataFile.Strings(icon.Value, "tags", file).ToList();
            if (IconMetadataFile.String(icon.Value, "category") is { Length: > 0 } category)
                tags.Add(category);
            bool hasStyles = icon.Value.TryGetProperty("styles", out JsonElement styles) && styles.ValueKind == JsonValueKind.Object;
            foreach (string style in Styles)
            {
                if (hasStyles ? !styles.TryGetProperty(style, out _) : style != "outline")
                    continue;
                string variant = style == "outline" ? name : $"{name}-filled";
                entries.Add(new IconEntry($"icons/{style}/{name}.svg", variant, [], tags));
            }
        }

        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.RelativePath, StringComparer.Ordinal).ToList();
    }
}
