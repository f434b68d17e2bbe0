using System.Text.Json;
using System.Text.Json.Serialization;

namespace Itm.Data.Recipes;

/// <summary>How recipes write their side files (reports, scene descriptions): indented camelCase JSON, enums by name.</summary>
internal static class RecipeJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write<T>(string path, T value)
    {
        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");
    }
}
