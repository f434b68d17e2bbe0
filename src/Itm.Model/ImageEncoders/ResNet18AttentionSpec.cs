using Itm.Data.Images;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.Features;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// resnet18attn: the frozen pretrained ResNet18's 7×7 grid of features before its pooling, cached, pooled by learned
/// attention, and the MLP head of resnet18 (<see cref="AttentionPoolEncoder"/>).
/// </summary>
public sealed class ResNet18AttentionSpec : ImageEncoderSpec
{
    public static readonly ResNet18AttentionSpec ResNet18Attention = new();

    private ResNet18AttentionSpec()
    {
    }

    public override string Name => "resnet18attn";

    public override string Summary => "pretrained ResNet18's 7×7 feature grid, pooled by learned attention, + a trained MLP";

    public override ImageInputKind Input => ImageInputKind.FinalMaps;

    public override IReadOnlyList<string> OptionsUsed => [nameof(ImageEncoderOptions.HiddenDim), nameof(ImageEncoderOptions.Dropout), nameof(ImageEncoderOptions.Fit)];

    public override ImageInputSource CreateSource(ImageEncoderOptions options, string? cacheDir)
    {
        // The maps are float32: int8 covers the pooled features only.
        var featurizer = new ResNet18Featurizer(ComputedAs(new ResNet18Options(), options));
        return ImageInputSource.FromExtractor(featurizer, featurizer.OutputShape, cacheDir);
    }

    public override ImageEncoder Build(ImageEncoderOptions options, IReadOnlyList<int> inputShape, int jointDim, ResNet18LastBlock? pretrainedBlock) =>
        new AttentionPoolEncoder(inputShape[0], options.HiddenDim, jointDim, options.Dropout);

    public override string InputFingerprint(ImageEncoderOptions options, ResNet18Options resnet) =>
        FeatureMlpSpec.ResNet18Fingerprint(ComputedAs(resnet, options), ResNet18Output.FinalMaps);

    internal override OnnxImageGraph ExportGraph(OnnxGraphBuilder graph, ModelWeights weights, ImageEncoderOptions options, ResNet18Options resnet) =>
        OnnxImageEncoderExport.ResNet18AttentionPool(graph, weights, ComputedAs(resnet, options));

    /// <summary><paramref name="resnet"/>'s files, putting pictures on the square as the model's options say, up to the final maps (always float32).</summary>
    private static ResNet18Options ComputedAs(ResNet18Options resnet, ImageEncoderOptions options) =>
        resnet with { Fit = options.Fit, Output = ResNet18Output.FinalMaps, Precision = PretrainedPrecision.Float32, Views = ImageViews.One };
}
