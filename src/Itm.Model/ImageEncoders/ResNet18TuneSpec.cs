using Itm.Data.Images;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// resnet18tune: pretrained ResNet18 with its last residual block fine-tuned (from the cached input of that block), and
/// the MLP head of resnet18 (<see cref="ResNet18LastBlockEncoder"/>).
/// </summary>
public sealed class ResNet18TuneSpec : ImageEncoderSpec
{
    public static readonly ResNet18TuneSpec ResNet18Tune = new();

    private ResNet18TuneSpec()
    {
    }

    public override string Name => "resnet18tune";

    public override string Summary => "pretrained ResNet18, last residual block fine-tuned";

    public override ImageInputKind Input => ImageInputKind.BlockInput;

    public override IReadOnlyList<string> OptionsUsed => [nameof(ImageEncoderOptions.HiddenDim), nameof(ImageEncoderOptions.Dropout), nameof(ImageEncoderOptions.Fit)];

    public override IReadOnlyList<string> ManifestAliases => ["res-net18-tune"];

    public override ImageInputSource CreateSource(ImageEncoderOptions options, string? cacheDir) =>
        // The fine-tuned block trains on the float32 input of the published network: int8 covers pooled features only.
        ImageInputSource.FromBlockInput(new ResNet18Featurizer(ComputedAs(new ResNet18Options { Output = ResNet18Output.LastBlockInput }, options)), cacheDir);

    public override ImageEncoder Build(ImageEncoderOptions options, IReadOnlyList<int> inputShape, int jointDim, ResNet18LastBlock? pretrainedBlock) =>
        new ResNet18LastBlockEncoder(inputShape[0], options.HiddenDim, jointDim, options.Dropout, pretrainedBlock);

    public override string InputFingerprint(ImageEncoderOptions options, ResNet18Options resnet) =>
        FeatureMlpSpec.ResNet18Fingerprint(ComputedAs(resnet, options), ResNet18Output.LastBlockInput);

    internal override OnnxImageGraph ExportGraph(OnnxGraphBuilder graph, ModelWeights weights, ImageEncoderOptions options, ResNet18Options resnet) =>
        OnnxImageEncoderExport.ResNet18(graph, weights, ComputedAs(resnet, options), fineTunedBlock: true);

    /// <summary><paramref name="resnet"/>'s files, putting pictures on the square as the model's options say (always float32).</summary>
    private static ResNet18Options ComputedAs(ResNet18Options resnet, ImageEncoderOptions options) => resnet with { Fit = options.Fit, Views = ImageViews.One };
}
