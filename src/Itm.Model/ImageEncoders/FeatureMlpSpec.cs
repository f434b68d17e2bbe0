using Itm.Data.Images;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;

namespace Itm.Model.ImageEncoders;

/// <summary>resnet18: frozen pretrained ResNet18 features (ONNX), cached, and a trained <see cref="FeatureMlpEncoder"/> head.</summary>
public sealed class FeatureMlpSpec : ImageEncoderSpec
{
    public static readonly FeatureMlpSpec ResNet18 = new();

    private FeatureMlpSpec()
    {
    }

    public override string Name => "resnet18";

    public override string Summary => "pretrained ResNet18 features + a trained MLP";

    public override ImageInputKind Input => ImageInputKind.PooledFeatures;

    public override IReadOnlyList<string> OptionsUsed =>
        [nameof(ImageEncoderOptions.HiddenDim), nameof(ImageEncoderOptions.Dropout), nameof(ImageEncoderOptions.Precision), nameof(ImageEncoderOptions.Fit), nameof(ImageEncoderOptions.Views), nameof(ImageEncoderOptions.QuartersDropout)];

    public override IReadOnlyList<string> ManifestAliases => ["res-net18"];

    public override ImageInputSource CreateSource(ImageEncoderOptions options, string? cacheDir) =>
        ImageInputSource.FromFeatures(new ResNet18Featurizer(ComputedAs(new ResNet18Options(), options)), cacheDir);

    public override ImageEncoder Build(ImageEncoderOptions options, IReadOnlyList<int> inputShape, int jointDim, ResNet18LastBlock? pretrainedBlock)
    {
        CheckQuartersDropout(options);
        return new FeatureMlpEncoder(inputShape[0], options.HiddenDim, jointDim, options.Dropout, options.QuartersDropout);
    }

    /// <summary>Quarters dropout needs quarters: a rate in [0, 1], above zero only over two-scale features.</summary>
    /// <exception cref="ArgumentException">The rate is out of range, or set without <see cref="ImageViews.Scales"/>.</exception>
    public static void CheckQuartersDropout(ImageEncoderOptions options)
    {
        if (options.QuartersDropout is < 0 or > 1 || double.IsNaN(options.QuartersDropout))
        {
            throw new ArgumentException($"Quarters dropout {options.QuartersDropout} is not a probability: give a rate from 0 to 1.");
        }

        if (options.QuartersDropout > 0 && options.Views != ImageViews.Scales)
        {
            throw new ArgumentException(
                $"Quarters dropout {options.QuartersDropout} replaces the quarters' features of two-scale pictures, but the image views are {options.Views.ToString().ToLowerInvariant()}: " +
                "add --image-views scales, or leave the rate at 0.");
        }
    }

    public override string InputFingerprint(ImageEncoderOptions options, ResNet18Options resnet) =>
        ResNet18Fingerprint(ComputedAs(resnet, options), ResNet18Output.PooledFeatures);

    internal override OnnxImageGraph ExportGraph(OnnxGraphBuilder graph, ModelWeights weights, ImageEncoderOptions options, ResNet18Options resnet) =>
        OnnxImageEncoderExport.ResNet18(graph, weights, ComputedAs(resnet, options), fineTunedBlock: false);

    /// <summary><paramref name="resnet"/>'s files, run as the model's options say its features are computed.</summary>
    private static ResNet18Options ComputedAs(ResNet18Options resnet, ImageEncoderOptions options) =>
        resnet with { Precision = options.Precision, Fit = options.Fit, Views = options.Views };

    /// <summary>The fingerprint of ResNet18's <paramref name="output"/> computed with <paramref name="resnet"/>'s files.</summary>
    internal static string ResNet18Fingerprint(ResNet18Options resnet, ResNet18Output output)
    {
        using var featurizer = new ResNet18Featurizer(resnet with { BatchSize = 1, IntraOpThreads = 1, Output = output });
        return featurizer.Fingerprint;
    }
}
