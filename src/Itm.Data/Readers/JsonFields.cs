using System.Globalization;
using System.Text.Json;

namespace Itm.Data.Readers;

/// <summary>Typed access to the fields of one JSON record, with messages that say which field is wrong and how.</summary>
internal static class JsonFields
{
    public static void RequireObject(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonFieldException($"{what} is {Describe(element)}, not an object {{...}}");
        }
    }

    public static string RequiredString(JsonElement record, string name) =>
        OptionalString(record, name) ?? throw new JsonFieldException($"field \"{name}\" is missing");

    public static string? OptionalString(JsonElement record, string name)
    {
        if (!TryGet(record, name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new JsonFieldException($"field \"{name}\" is {Describe(value)}, not a string");
    }

    public static long? OptionalInt64(JsonElement record, string name)
    {
        if (!TryGet(record, name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
            ? number
            : throw new JsonFieldException($"field \"{name}\" is {Describe(value)}, not a whole number");
    }

    /// <summary>An id written as a whole number or a string (Karpathy's imgid, COCO's image_id), as a string.</summary>
    public static string RequiredId(JsonElement record, string name)
    {
        if (!TryGet(record, name, out JsonElement value))
        {
            throw new JsonFieldException($"field \"{name}\" is missing");
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number))
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString()!;
        }

        throw new JsonFieldException($"field \"{name}\" is {Describe(value)}, not a whole number or a non-empty string");
    }

    public static JsonElement RequiredArray(JsonElement record, string name)
    {
        if (!TryGet(record, name, out JsonElement value))
        {
            throw new JsonFieldException($"field \"{name}\" is missing");
        }

        return value.ValueKind == JsonValueKind.Array
            ? value
            : throw new JsonFieldException($"field \"{name}\" is {Describe(value)}, not an array");
    }

    public static IReadOnlyList<string>? OptionalStringArray(JsonElement record, string name)
    {
        if (!TryGet(record, name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonFieldException($"field \"{name}\" is {Describe(value)}, not an array of strings");
        }

        var strings = new List<string>(value.GetArrayLength());
        foreach (JsonElement item in value.EnumerateArray())
        {
            strings.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new JsonFieldException($"field \"{name}\" holds {Describe(item)}; it must hold only strings"));
        }

        return strings;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        _ => "null",
    };

    // A JSON null counts as absent: exporters often write "filepath": null for "no sub-folder".
    private static bool TryGet(JsonElement record, string name, out JsonElement value) =>
        record.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
