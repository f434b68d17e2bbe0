using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Itm.Data.IO;
using Itm.Model.ImageEncoders.Onnx;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// The activation ranges that quantise the pretrained ResNet18 to int8 (<see cref="FoldedConvNet.ToInt8"/>), measured
/// on calibration images by <see cref="ResNet18Int8Calibration"/>, with the model file they were measured on. The file
/// ships beside the model (models/resnet18), so every collection's int8 features come from the same network.
/// </summary>
public sealed record ResNet18Int8Ranges
{
    /// <summary>SHA-256 of the float model file the ranges belong to; a different model needs its own calibration.</summary>
    [JsonPropertyName("model_sha256")]
    public required string ModelSha256 { get; init; }

    /// <summary>How each range was taken from the calibration activations, in words.</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>How many calibration images were measured.</summary>
    [JsonPropertyName("images")]
    public required int Images { get; init; }

    /// <summary>Where the calibration images came from, in words.</summary>
    [JsonPropertyName("source")]
    public string Source { get; init; } = "";

    /// <summary>For each quantised activation (by tensor name): [low, high].</summary>
    [JsonPropertyName("ranges")]
    public required IReadOnlyDictionary<string, float[]> Ranges { get; init; }

    /// <summary>
    /// SHA-256 of the file <see cref="Load"/> read (empty for ranges not read from a file): it names the quantised
    /// network, in its cache file and its features' fingerprint.
    /// </summary>
    [JsonIgnore]
    public string FileSha256 { get; private init; } = "";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The ranges as <see cref="FoldedConvNet.ToInt8"/> takes them.</summary>
    public IReadOnlyDictionary<string, ActivationRange> ToActivationRanges() =>
        Ranges.ToDictionary(p => p.Key, p => new ActivationRange(p.Value[0], p.Value[1]), StringComparer.Ordinal);

    /// <summary>Reads <paramref name="path"/>, checking that it belongs to the model whose hash is <paramref name="modelSha256"/>.</summary>
    public static ResNet18Int8Ranges Load(string path, string modelSha256)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The int8 calibration '{path}' is missing; it ships with itm beside the model. Rebuild itm, or measure one with " +
                "`dotnet run -c Release --project benchmarks/Itm.Benchmarks -- int8-ranges --images DIR --out FILE`, or use float32.", path);
        }

        var bytes = File.ReadAllBytes(path);
        ResNet18Int8Ranges? ranges;
        try
        {
            ranges = JsonSerializer.Deserialize<ResNet18Int8Ranges>(bytes, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not an int8 calibration file ({e.Message}).", e);
        }

        if (ranges is null || ranges.Ranges.Any(p => p.Value is not [var low, var high] || !float.IsFinite(low) || !float.IsFinite(high) || low > high))
        {
            throw new InvalidDataException($"'{path}' is not an int8 calibration file: every range must be [low, high] with finite low ≤ high.");
        }

        if (!string.Equals(ranges.ModelSha256, modelSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"'{path}' was measured on the model with SHA-256 {ranges.ModelSha256}, not on this one ({modelSha256}); measure the ranges again for this model.");
        }

        return ranges with { FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
    }

    public void Save(string path) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, this, Json));
}
