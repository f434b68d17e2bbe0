using System.Text.Json;

namespace Itm.Data.Recipes;

/// <summary>
/// Material Design Icons (<c>@mdi/svg</c>): <c>meta.json</c> is an array of icons with <c>name</c>, <c>aliases</c> and
/// <c>tags</c> (categories such as "Account / User"); each drawing is <c>svg/&lt;name&gt;.svg</c>.
/// </summary>
public sealed class MdiIconSet : IIconSet
{
    public string Key => "mdi";

    public string Package => "@mdi/svg";

    public string Version => "7.4.47";

    public string Licence => "Apache-2.0";

    public IReadOnlyList<IconEntry> Read(string packageDir)
    {
        string file = Path.Combine(packageDir, "meta.json");
        using JsonDocument meta = IconMetadataFile.ReadJson(file);
        if (meta.RootElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"The icon metadata file '{file}' is not an array of icons.");
        return meta.RootElement.EnumerateArray()
            .Select(icon =>
            {
                string name = IconMetadataFile.String(icon, "name");
                return new IconEntry($"svg/{name}.svg", name, IconMetadataFile.Strings(icon, "aliases", file), IconMetadataFile.Strings(icon, "tags", file));
            })
            .OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.RelativePath, StringComparer.Ordinal)
            .ToList();
    }
}
