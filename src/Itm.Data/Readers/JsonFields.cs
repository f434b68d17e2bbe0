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
            ? Text(value, name)
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

        if (value.ValueKind == JsonValueKind.String && Text(value, name) is { } text && !string.IsNullOrWhiteSpace(text))
        {
            return text;
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
                ? Text(item, name)
                : throw new JsonFieldException($"field \"{name}\" holds {Describe(item)}; it must hold only strings"));
        }

        return strings;
    }

    /// <summary>
    /// A string value as text. The parser checks a string's UTF-8 only when it is read, and throws
    /// InvalidOperationException for bytes that are not; this says so as a field error instead.
    /// </summary>
    public static bool TryGetText(JsonElement value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static string Text(JsonElement value, string name) =>
        TryGetText(value, out string? text) ? text : throw new JsonFieldException($"field \"{name}\" holds text that is not valid UTF-8");

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => TryGetText(value, out string? text) ? $"the string \"{Shorten(text)}\"" : "a string that is not valid UTF-8",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        _ => "null",
    };

    // A JSON null counts as absent: exporters often write "filepath": null for "no sub-folder".
    private static bool TryGet(JsonElement record, string name, out JsonElement value) =>
        record.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
