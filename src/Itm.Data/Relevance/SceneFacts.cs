using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Itm.Data.Relevance;

/// <summary>One object of a synthetic scene, by the words its captions use for it ("large", "red", "circle").</summary>
public sealed record SceneObjectFacts(string Shape, string Colour, string Size);

/// <summary>
/// What a synthetic image shows, as the synthetic recipe wrote it to <c>scenes.json</c>: its objects in layout order
/// (the first is leftmost, or topmost) and the axis they are lined up on. Enough to decide exactly which images a
/// sentence about colours, shapes, sizes and relations is true of.
/// </summary>
/// <param name="Index">The scene's number: the dataset's image id.</param>
public sealed record SceneFacts(int Index, IReadOnlyList<SceneObjectFacts> Objects, SceneAxis Axis)
{
    /// <summary>The file the synthetic recipe writes beside its dataset.json.</summary>
    public const string FileName = "scenes.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The scenes file beside <paramref name="datasetPath"/>, or null when the dataset has none (it is not synthetic).</summary>
    public static string? BesideDataset(string datasetPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetPath);
        string folder = Directory.Exists(datasetPath) ? datasetPath : Path.GetDirectoryName(Path.GetFullPath(datasetPath)) ?? ".";
        string path = Path.Combine(folder, FileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Reads a <c>scenes.json</c>; a scene without objects or with an object lacking a word is an error naming it.</summary>
    public static IReadOnlyList<SceneFacts> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        SceneRecord[]? records;
        try
        {
            using var stream = File.OpenRead(path);
            records = JsonSerializer.Deserialize<SceneRecord[]>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a scenes file written by `itm data prepare synthetic` ({e.Message}).", e);
        }

        if (records is null)
            throw new InvalidDataException($"{path}: holds null instead of a list of scenes.");
        var scenes = new List<SceneFacts>(records.Length);
        for (int i = 0; i < records.Length; i++)
        {
            var record = records[i] ?? throw new InvalidDataException($"{path}: scene {i} is null.");
            if (record.Objects is not { Length: > 0 } objects)
                throw new InvalidDataException($"{path}: scene {record.Index} has no objects.");
            foreach (var o in objects)
            {
                if (string.IsNullOrWhiteSpace(o?.Shape) || string.IsNullOrWhiteSpace(o.Colour) || string.IsNullOrWhiteSpace(o.Size))
                    throw new InvalidDataException($"{path}: scene {record.Index} has an object without a shape, colour or size.");
            }

            scenes.Add(new SceneFacts(record.Index, [.. objects.Select(o => new SceneObjectFacts(Lower(o.Shape!), Lower(o.Colour!), Lower(o.Size!)))], record.Axis));
        }

        return scenes;
    }

    private static string Lower(string word) => word.Trim().ToLower(CultureInfo.InvariantCulture);

    private sealed record SceneRecord(int Index, ObjectRecord[]? Objects, SceneAxis Axis);

    private sealed record ObjectRecord(string? Shape, string? Colour, string? Size);
}
