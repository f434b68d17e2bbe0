using System.Text.Json;
using System.Text.Json.Serialization;
using Itm.Data.Images;
using Itm.Model.Onnx;

namespace Itm.Model.ImageEncoders;

/// <summary>How a pretrained image encoder expects its pixels resized and cropped; <see cref="ImageLoader"/> implements these.</summary>
public enum ResizeMode
{
    /// <summary>Resize the shorter side to the input size, keep the centre square.</summary>
    ShorterSideCenterCrop,

    /// <summary>Resize the longer side to the input size and centre the whole image on white: nothing is cut off.</summary>
    LongerSideContain,
}

/// <summary>A per-pixel mean stored as a float initializer inside an ONNX file next to the sidecar.</summary>
/// <param name="Model">ONNX file name, relative to the sidecar's folder.</param>
/// <param name="Initializer">Name of the [1, 3, size, size] (or [3, size, size]) float initializer.</param>
public sealed record MeanImageReference(string Model, string Initializer);

/// <summary>
/// The preprocessing a pretrained encoder was trained with, shipped beside its weights as a sidecar JSON file
/// (for ResNet18, <c>resnet18.preprocess.json</c>) so that code never restates size, channel order or means.
/// The tensor value is <c>(byte * Scale - Mean[c] - MeanImage[c, y, x]) / Std[c]</c>, channels in <see cref="ChannelOrder"/>.
/// </summary>
public sealed record ImagePreprocessing
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>Side of the square input, in pixels.</summary>
    public required int Size { get; init; }

    public ResizeMode Resize { get; init; } = ResizeMode.ShorterSideCenterCrop;

    /// <summary>How <see cref="ImageLoader"/> puts an image on the square input for <see cref="Resize"/>.</summary>
    [JsonIgnore]
    public ImageFit LoaderFit => Resize == ResizeMode.LongerSideContain ? ImageFit.Contain : ImageFit.CropCenter;

    /// <summary>The same preprocessing with images put on the input square by <paramref name="fit"/>.</summary>
    public ImagePreprocessing FittedTo(ImageFit fit) =>
        this with { Resize = fit == ImageFit.Contain ? ResizeMode.LongerSideContain : ResizeMode.ShorterSideCenterCrop };

    public required ChannelOrder ChannelOrder { get; init; }

    /// <summary>Multiplies each 0–255 value first.</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>Per-channel mean in tensor channel order, after scaling; null for none.</summary>
    public IReadOnlyList<float>? Mean { get; init; }

    /// <summary>Per-pixel mean image; null for none.</summary>
    public MeanImageReference? MeanImage { get; init; }

    /// <summary>Per-channel divisor in tensor channel order; null for none.</summary>
    public IReadOnlyList<float>? Std { get; init; }

    /// <summary>Reads and validates a sidecar file; errors name the file and the field.</summary>
    public static ImagePreprocessing Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The preprocessing file '{path}' is missing. It ships next to the encoder's .onnx file; rebuild Itm.Model to copy it.", path);
        }

        ImagePreprocessing? value;
        try
        {
            value = JsonSerializer.Deserialize<ImagePreprocessing>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The preprocessing file '{path}' is not valid: {e.Message}", e);
        }

        if (value is null)
        {
            throw new InvalidDataException($"The preprocessing file '{path}' is empty.");
        }

        value.Validate(path);
        return value;
    }

    /// <summary>The canonical JSON form (no comments, fixed property order): part of a feature fingerprint, and what a model manifest records.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The normalization to apply to decoded images, with the mean image (if any) read from its ONNX file in <paramref name="folder"/>.</summary>
    public ChwNormalization ToNormalization(string folder)
    {
        float[]? meanImage = null;
        if (MeanImage is { } reference)
        {
            var path = Path.Combine(folder, reference.Model);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The mean image model '{path}' named by the preprocessing file is missing.", path);
            }

            var tensor = OnnxModelFile.ReadFloatInitializer(File.ReadAllBytes(path), reference.Initializer);
            var expected = new long[] { 3, Size, Size };
            if (!tensor.Dimensions.SkipWhile(d => d == 1).SequenceEqual(expected.SkipWhile(d => d == 1)))
            {
                throw new InvalidDataException(
                    $"Mean image '{reference.Initializer}' in '{path}' is [{string.Join(", ", tensor.Dimensions)}]; size {Size} needs [1, 3, {Size}, {Size}].");
            }

            meanImage = tensor.Values;
        }

        return new ChwNormalization
        {
            ChannelOrder = ChannelOrder,
            Scale = Scale,
            Mean = Mean,
            Std = Std,
            MeanImage = meanImage,
        };
    }

    private void Validate(string path)
    {
        void Fail(string message) => throw new InvalidDataException($"The preprocessing file '{path}': {message}");

        if (Size is < 1 or > 8192)
        {
            Fail($"size must be 1–8192, got {Size}.");
        }

        if (!(Scale > 0) || float.IsInfinity(Scale))
        {
            Fail($"scale must be a positive number, got {Scale}.");
        }

        if (Mean is { Count: not 3 })
        {
            Fail($"mean needs 3 values (one per channel), got {Mean.Count}.");
        }

        if (Std is { Count: not 3 } || (Std is not null && Std.Any(s => !(s > 0))))
        {
            Fail("std needs 3 positive values (one per channel).");
        }

        if (MeanImage is { } m && (string.IsNullOrWhiteSpace(m.Model) || string.IsNullOrWhiteSpace(m.Initializer)))
        {
            Fail("meanImage needs both \"model\" and \"initializer\".");
        }
    }
}
