using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;

namespace Itm.Model.ImageEncoders;

/// <summary>convnet: a small CNN trained from scratch on pixels (<see cref="ConvNetEncoder"/>).</summary>
public sealed class ConvNetSpec : ImageEncoderSpec
{
    public static readonly ConvNetSpec ConvNet = new();

    private ConvNetSpec()
    {
    }

    public override string Name => "convnet";

    public override string Summary => "a small CNN trained from pixels";

    public override ImageInputKind Input => ImageInputKind.Pixels;

    public override IReadOnlyList<string> OptionsUsed =>
        [nameof(ImageEncoderOptions.PixelSize), nameof(ImageEncoderOptions.HiddenDim), nameof(ImageEncoderOptions.Dropout), nameof(ImageEncoderOptions.Fit)];

    public override IReadOnlyList<string> ManifestAliases => ["conv-net"];

    public override ImageInputSource CreateSource(ImageEncoderOptions options, string? cacheDir) =>
        ImageInputSource.FromExtractor(new PixelExtractor(options.PixelSize, options.Fit), [3, options.PixelSize, options.PixelSize], cacheDir);

    public override ImageEncoder Build(ImageEncoderOptions options, IReadOnlyList<int> inputShape, int jointDim, ResNet18LastBlock? pretrainedBlock) =>
        new ConvNetEncoder(inputShape[^1], options.HiddenDim, jointDim, options.Dropout);

    public override string InputFingerprint(ImageEncoderOptions options, ResNet18Options resnet) => new PixelExtractor(options.PixelSize, options.Fit).Fingerprint;

    internal override OnnxImageGraph ExportGraph(OnnxGraphBuilder graph, ModelWeights weights, ImageEncoderOptions options, ResNet18Options resnet) =>
        OnnxImageEncoderExport.ConvNet(graph, weights, options.PixelSize);
}
