using System.Text.Json;

namespace Itm.Data.Recipes;

/// <summary>
/// English names of countries and of their subdivisions by ISO 3166 code, read from Debian's iso-codes package
/// (<c>iso_3166-1.json</c>, <c>iso_3166-2.json</c>): "gb" → United Kingdom, "gb-sct" → Scotland.
/// </summary>
public sealed class CountryNames
{
    /// <summary>Where Debian's iso-codes installs its JSON files.</summary>
    public const string DefaultDir = "/usr/share/iso-codes/json";

    public const string DebianPackageName = "iso-codes";

    private readonly Dictionary<string, (string Name, string? Official)> _byCode;

    private CountryNames(Dictionary<string, (string Name, string? Official)> byCode) => _byCode = byCode;

    /// <summary>
    /// Reads both files from <paramref name="dir"/> (the package is installed first when that is its own missing folder and
    /// the user is root). A malformed file throws an <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static CountryNames Read(string dir = DefaultDir, IProgress<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dir);
        string countries = Path.Combine(dir, "iso_3166-1.json"), subdivisions = Path.Combine(dir, "iso_3166-2.json");
        if (dir == DefaultDir)
            DebianPackage.EnsureInstalled(DebianPackageName, countries, log);
        var byCode = new Dictionary<string, (string, string?)>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonElement entry in Entries(countries, "3166-1"))
        {
            // "name" is the list form ("Korea, Republic of"); "common_name", where there is one, is what people call it.
            string name = Text(entry, "common_name") ?? Text(entry, "name") ?? throw Malformed(countries, "an entry without a name");
            byCode[Text(entry, "alpha_2") ?? throw Malformed(countries, $"'{name}' without an alpha_2 code")] = (name, Text(entry, "official_name"));
        }

        if (File.Exists(subdivisions))
        {
            foreach (JsonElement entry in Entries(subdivisions, "3166-2"))
            {
                if (Text(entry, "code") is { } code && Text(entry, "name") is { } name)
                    byCode.TryAdd(code, (name, null));
            }
        }

        return new CountryNames(byCode);
    }

    /// <summary>The name and, when it says something more, the official name of <paramref name="code"/> ("bo": Bolivia, Plurinational State of Bolivia); null for an unknown code.</summary>
    public (string Name, string? Official)? Find(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _byCode.TryGetValue(code, out var found) ? (found.Name, found.Official == found.Name ? null : found.Official) : null;
    }

    private static IEnumerable<JsonElement> Entries(string path, string listName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw Malformed(path, e.Message);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty(listName, out JsonElement list) || list.ValueKind != JsonValueKind.Array)
                throw Malformed(path, $"no \"{listName}\" list");
            return list.EnumerateArray().Select(e => e.Clone()).ToList();
        }
    }

    private static string? Text(JsonElement entry, string property) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;

    private static InvalidDataException Malformed(string path, string what) => new($"The ISO 3166 file '{path}' is malformed: {what}.");
}
