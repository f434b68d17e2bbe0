using System.Text.Json;

namespace Itm.Data.Recipes;

/// <summary>Reads an icon package's metadata file; every failure names the file.</summary>
internal static class IconMetadataFile
{
    /// <summary>The parsed JSON document at <paramref name="path"/>.</summary>
    public static JsonDocument ReadJson(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The icon metadata file '{path}' does not exist.", path);
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The icon metadata file '{path}' is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The text of <paramref name="path"/>, for metadata that is not JSON.</summary>
    public static string ReadText(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"The icon metadata file '{path}' does not exist.", path);

    /// <summary>The strings of the array property <paramref name="name"/> of <paramref name="element"/>; none when it is missing.</summary>
    public static IReadOnlyList<string> Strings(JsonElement element, string name, string file)
    {
        if (!element.TryGetProperty(name, out JsonElement array) || array.ValueKind == JsonValueKind.Null)
            return [];
        if (array.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"The icon metadata file '{file}' has a '{name}' that is not an array.");
        return array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
    }

    /// <summary>The string property <paramref name="name"/>, or an empty string when it is missing.</summary>
    public static string String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
