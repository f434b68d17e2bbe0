using Itm.Data.Images;
using Itm.Model.Features;

namespace Itm.Model.ImageEncoders;

/// <summary>Which tensor <see cref="ResNet18Featurizer"/> returns for an image.</summary>
public enum ResNet18Output
{
    /// <summary>The graph's output: the 512-d global-average-pooled features.</summary>
    PooledFeatures,

    /// <summary>
    /// The tensor entering the last residual block (<c>[512, 7, 7]</c>, 25,088 values), for a model that fine-tunes
    /// that block (see <see cref="ResNet18LastBlock"/>) on top of the frozen rest.
    /// </summary>
    LastBlockInput,

    /// <summary>
    /// The last feature maps, where the final average pooling reads them (<c>[512, 7, 7]</c>, the output of the last
    /// residual block): one 512-d feature per cell of a 7×7 grid, for a model that pools them itself.
    /// </summary>
    FinalMaps,
}

/// <summary>Where the pretrained ResNet18 lives and how it runs. Defaults suit the 2-core CPU machines itm targets.</summary>
public sealed record ResNet18Options
{
    /// <summary>Folder holding the model, the prep model and the preprocessing sidecar; the build copies them to models/resnet18.</summary>
    public string ModelDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "models", "resnet18");

    public string ModelFile { get; init; } = "ResNet18.onnx";

    /// <summary>The sidecar describing the preprocessing (see <see cref="ImagePreprocessing"/>).</summary>
    public string PreprocessingFile { get; init; } = "resnet18.preprocess.json";

    public ResNet18Output Output { get; init; } = ResNet18Output.PooledFeatures;

    /// <summary>
    /// How an image of any shape becomes the square input; null keeps the preprocessing file's (the published
    /// single-crop evaluation: shorter side, centre square). It is part of the features' fingerprint.
    /// </summary>
    public ImageFit? Fit { get; init; }

    /// <summary>
    /// One pass of the network, or (<see cref="ImageViews.Flip"/>) the mean of the pooled features of the picture and of
    /// its mirror image, at twice the cost, or (<see cref="ImageViews.Scales"/>) the whole picture's features beside the
    /// mean of its four quarters' seen at twice the detail, at five times the cost and twice the width; pooled features
    /// only. It is part of the features' fingerprint.
    /// </summary>
    public ImageViews Views { get; init; } = ImageViews.One;

    /// <summary>Float32 runs the file as published; Int8 runs it quantised with the ranges in <see cref="Int8RangesFile"/> (pooled features only).</summary>
    public PretrainedPrecision Precision { get; init; } = PretrainedPrecision.Float32;

    /// <summary>The activation ranges that quantise the model (<see cref="ResNet18Int8Ranges"/>), in the model folder.</summary>
    public string Int8RangesFile { get; init; } = "resnet18.int8-ranges.json";

    /// <summary>ONNX Runtime threads inside one operator. The machine's core count is fastest when nothing else runs.</summary>
    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Images per inference call. Above 1, a copy of the model with a symbolic batch dimension is used (the stock
    /// file fixes it at 1); 16 measured ~10% faster than 1 on 2 cores. 1 runs the stock file untouched.
    /// </summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Threads decoding and resizing images while the network runs; 2 keeps a 2-core machine's network fed with photos.</summary>
    public int DecoderThreads { get; init; } = 2;

    /// <summary>
    /// Whether ONNX Runtime's intra-op threads spin between operators instead of sleeping. Spinning saves a wake-up per
    /// operator when the network has the cores to itself; here the decoder threads share them, and a spinning thread
    /// takes the core a decoder needs.
    /// </summary>
    public bool IntraOpSpinning { get; init; }

    /// <summary>Cache root for the batch-enabled model copy; null for <see cref="Features.CacheDirectory.Resolve"/>'s default.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Decoding limits. <see cref="ImageLoadOptions.TargetSize"/> is ignored: the sidecar's size is used.</summary>
    public ImageLoadOptions Images { get; init; } = new();

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelDirectory, nameof(ModelDirectory));
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelFile, nameof(ModelFile));
        ArgumentException.ThrowIfNullOrWhiteSpace(PreprocessingFile, nameof(PreprocessingFile));
        ArgumentOutOfRangeException.ThrowIfLessThan(IntraOpThreads, 1, nameof(IntraOpThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 1024, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(DecoderThreads, 1, nameof(DecoderThreads));
        ArgumentNullException.ThrowIfNull(Images, nameof(Images));
        if (!Enum.IsDefined(Output))
        {
            throw new ArgumentOutOfRangeException(nameof(Output), Output, "Unknown ResNet18 output.");
        }

        if (Fit is { } fit && !Enum.IsDefined(fit))
        {
            throw new ArgumentOutOfRangeException(nameof(Fit), fit, "Unknown image fit.");
        }

        if (!Enum.IsDefined(Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(Precision), Precision, "Unknown image precision.");
        }

        if (!Enum.IsDefined(Views))
        {
            throw new ArgumentOutOfRangeException(nameof(Views), Views, "Unknown image views.");
        }

        if (Views != ImageViews.One && Output != ResNet18Output.PooledFeatures)
        {
            throw new NotSupportedException($"{Views} views are combined in the pooled features only; the maps of two views do not line up cell by cell.");
        }

        if (Precision == PretrainedPrecision.Int8 && Output != ResNet18Output.PooledFeatures)
        {
            throw new NotSupportedException(
                "The int8 network returns the pooled features only; a model that fine-tunes ResNet18's last block reads its float input (use float32).");
        }
    }
}
