using System.Text.Encodings.Web;
using System.Text.Json;
using Itm.Data.IO;

namespace Itm.Data.Text;

/// <summary>
/// The JSON files vocabularies and featurizers are saved as: <c>{"kind", "version", "hash", ...}</c>. Loading checks the
/// kind, the version and that the stored hash matches the content, so an edited or truncated file is a clear error.
/// </summary>
internal static class TextFeatureFile
{
    public const int Version = 1;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep non-ASCII tokens readable in the file
    };

    /// <summary>Writes <c>{"kind", "version", "hash", ...body}</c> atomically.</summary>
    public static void Save(string path, string kind, string hash, Action<Utf8JsonWriter> writeBody)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, WriterOptions);
            writer.WriteStartObject();
            writer.WriteString("kind", kind);
            writer.WriteNumber("version", Version);
            writer.WriteString("hash", hash);
            writeBody(writer);
            writer.WriteEndObject();
        });
    }

    /// <summary>Parses the file; throws <see cref="InvalidDataException"/> naming it when it is missing or not JSON.</summary>
    public static JsonDocument Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({ex.Message}). Save the vocabulary or featurizer again.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path} cannot be read ({ex.Message}). Check the path.", ex);
        }
    }

    public static string Kind(JsonElement root, string path) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out JsonElement kind) && kind.ValueKind == JsonValueKind.String
            ? kind.GetString()!
            : throw new InvalidDataException($"{path} has no \"kind\" field, so it is not a saved vocabulary or text featurizer.");

    /// <summary>Checks kind and version; returns the stored hash.</summary>
    public static string CheckHeader(JsonElement root, string path, string expectedKind)
    {
        string kind = Kind(root, path);
        if (kind != expectedKind)
        {
            throw new InvalidDataException($"{path} holds a \"{kind}\", not a \"{expectedKind}\".");
        }

        int version = Int(root, "version", path);
        if (version != Version)
        {
            throw new InvalidDataException($"{path} is version {version}; this program reads version {Version}. Rebuild it with this program.");
        }

        return String(root, "hash", path);
    }

    public static void CheckHash(string path, string stored, string computed)
    {
        if (!string.Equals(stored, computed, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"{path} was changed after it was saved (stored hash {stored}, content hash {computed}). Restore the original file or rebuild it.");
        }
    }

    public static string String(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"{path}: field \"{name}\" is missing or not a string.");

    public static int Int(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number)
            ? number
            : throw new InvalidDataException($"{path}: field \"{name}\" is missing or not a whole number.");

    /// <summary>An optional true/false field: <paramref name="absent"/> when the file has none.</summary>
    public static bool OptionalBool(JsonElement root, string name, string path, bool absent) =>
        !root.TryGetProperty(name, out JsonElement value) ? absent
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw new InvalidDataException($"{path}: field \"{name}\" is not true or false.");

    public static List<string> Strings(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: field \"{name}\" is missing or not an array.");
        }

        return array.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new InvalidDataException($"{path}: \"{name}\" holds a {item.ValueKind}; it must hold only strings."))
            .ToList();
    }

    public static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
