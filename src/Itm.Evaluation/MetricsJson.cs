using System.Text.Json;

namespace Itm.Evaluation;

/// <summary>Shared JSON pieces of the report files: one writer setup and the <c>{"r1","r5","r10","medr","meanr"}</c> object.</summary>
internal static class MetricsJson
{
    // LF and two-space indentation whatever the platform, so the same metrics give byte-identical files.
    public static readonly JsonWriterOptions WriterOptions = new() { Indented = true, IndentSize = 2, NewLine = "\n" };

    public static void Write(Utf8JsonWriter json, string name, DirectionMetrics metrics)
    {
        json.WriteStartObject(name);
        json.WriteNumber("r1", metrics.R1);
        json.WriteNumber("r5", metrics.R5);
        json.WriteNumber("r10", metrics.R10);
        json.WriteNumber("medr", metrics.MedR);
        json.WriteNumber("meanr", metrics.MeanR);
        json.WriteEndObject();
    }

    public static DirectionMetrics ReadDirection(JsonElement parent, string name, string path) =>
        ReadDirectionElement(Property(parent, name, path), $"{name} in {path}");

    public static DirectionMetrics ReadDirectionElement(JsonElement element, string where) =>
        new(Number(element, "r1", where), Number(element, "r5", where), Number(element, "r10", where),
            Number(element, "medr", where), Number(element, "meanr", where));

    public static JsonElement Property(JsonElement parent, string name, string where)
    {
        if (parent.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"Expected a JSON object in {where}, found {parent.ValueKind}.");
        if (!parent.TryGetProperty(name, out var value))
            throw new InvalidDataException($"Missing \"{name}\" in {where}.");
        return value;
    }

    public static double Number(JsonElement parent, string name, string where)
    {
        var value = Property(parent, name, where);
        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new InvalidDataException($"\"{name}\" in {where} must be a number, found {value.ValueKind}.");
    }

    public static string String(JsonElement parent, string name, string where)
    {
        var value = Property(parent, name, where);
        if (value.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"\"{name}\" in {where} must be a string, found {value.ValueKind}.");
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // The parser checks a string's UTF-8 only when it is read, and says so with this exception type.
            throw new InvalidDataException($"\"{name}\" in {where} is not valid UTF-8 text.", e);
        }
    }

    public static int Int(JsonElement parent, string name, string where)
    {
        var value = Property(parent, name, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result)
            ? result
            : throw new InvalidDataException($"\"{name}\" in {where} must be an integer.");
    }

    /// <summary>Writes to a temporary file next to <paramref name="path"/> and moves it into place, so a crash never leaves half a file.</summary>
    public static void WriteFile(string path, Action<Utf8JsonWriter> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        string temporary = full + ".tmp";
        using (var stream = File.Create(temporary))
        {
            using (var json = new Utf8JsonWriter(stream, WriterOptions))
                write(json);
            stream.WriteByte((byte)'\n');
        }

        File.Move(temporary, full, overwrite: true);
    }

    public static string ToText(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            write(json);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static JsonDocument ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }
}
