using System.Text.Json.Serialization;
using Itm.Model.Export;
using Itm.Model.ImageEncoders;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;

namespace Itm.Model.Catalog;

/// <summary>
/// One image encoder of the <see cref="EncoderCatalog"/>: its name, what it reads, how to build its module and its
/// inputs, and how it exports to ONNX from pixels. Each encoder declares its spec beside its module. In JSON
/// (model.json) a spec is its <see cref="Name"/>.
/// </summary>
[JsonConverter(typeof(ImageEncoderSpecJsonConverter))]
public abstract class ImageEncoderSpec
{
    /// <summary>The one spelling of the encoder: on the command line, in model.json, in study axes and reports.</summary>
    public abstract string Name { get; }

    /// <summary>One line for help text and docs.</summary>
    public abstract string Summary { get; }

    public abstract ImageInputKind Input { get; }

    /// <summary>The options of <see cref="ImageEncoderOptions"/> this encoder reads (the others do not change it).</summary>
    public abstract IReadOnlyList<string> OptionsUsed { get; }

    /// <summary>How model folders written before the catalog named this encoder in model.json (the old <c>image.model</c> value).</summary>
    public virtual IReadOnlyList<string> ManifestAliases => [];

    /// <summary>The source of this encoder's inputs, behind the on-disk feature cache in <paramref name="cacheDir"/>.</summary>
    public abstract ImageInputSource CreateSource(ImageEncoderOptions options, string? cacheDir);

    /// <summary>
    /// The trainable module for inputs of <paramref name="inputShape"/>. <paramref name="pretrainedBlock"/> is what a new
    /// model that fine-tunes a pretrained block starts from (<see cref="ImageInputSource.PretrainedBlock"/>); null builds
    /// it untrained, which only suits a model whose weights are loaded next.
    /// </summary>
    public abstract ImageEncoder Build(ImageEncoderOptions options, IReadOnlyList<int> inputShape, int jointDim, ResNet18LastBlock? pretrainedBlock);

    /// <summary>
    /// The fingerprint of the inputs this encoder reads when they are computed with <paramref name="resnet"/>'s files: an
    /// exported graph computes them itself, so they must be the ones the model was trained on.
    /// </summary>
    public abstract string InputFingerprint(ImageEncoderOptions options, ResNet18Options resnet);

    /// <summary>
    /// The encoder as ONNX nodes from RGB planar 0–255 pixels (input <see cref="OnnxImageEncoderExport.PixelsInput"/>, which
    /// this method declares) to its <c>[B, D]</c> output (before the joint normalisation).
    /// </summary>
    internal abstract OnnxImageGraph ExportGraph(OnnxGraphBuilder graph, ModelWeights weights, ImageEncoderOptions options, ResNet18Options resnet);

    public override string ToString() => Name;
}
