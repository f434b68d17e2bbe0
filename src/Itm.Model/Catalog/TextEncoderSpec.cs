using System.Text.Json.Serialization;
using Itm.Data.Text;
using Itm.Model.Export;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;
using Itm.Model.TextEncoders;
using Itm.Model.TextInputs;

namespace Itm.Model.Catalog;

/// <summary>
/// One text encoder of the <see cref="EncoderCatalog"/>: its name, what it reads, how to build its module and its
/// inputs, and how it exports to ONNX. Each encoder declares its spec beside its module; everything that depends on
/// which text encoder a model has asks the spec. In JSON (model.json) a spec is its <see cref="Name"/>.
/// </summary>
[JsonConverter(typeof(TextEncoderSpecJsonConverter))]
public abstract class TextEncoderSpec
{
    /// <summary>The one spelling of the encoder: on the command line, in model.json, in study axes and reports.</summary>
    public abstract string Name { get; }

    /// <summary>One line for help text and docs.</summary>
    public abstract string Summary { get; }

    public abstract TextInputKind Input { get; }

    /// <summary>The options of <see cref="TextEncoderOptions"/> this encoder reads (the others do not change it).</summary>
    public abstract IReadOnlyList<string> OptionsUsed { get; }

    /// <summary>
    /// How model folders written before the catalog named this encoder in model.json: the old <c>text.model</c>
    /// value, followed by <c>/</c> and the old <c>text.nGrams</c> value where that chose the variant.
    /// </summary>
    public virtual IReadOnlyList<string> ManifestAliases => [];

    /// <summary>
    /// How the joint space is split between this encoder's parts: the whole vector for an encoder of one channel; a
    /// part per channel, with each one's share of the score, for a late-fusion encoder (see <see cref="JointParts"/>).
    /// </summary>
    public virtual JointParts Parts(TextEncoderOptions options) => JointParts.Whole;

    /// <summary>The trainable module, for inputs of width <paramref name="featureCount"/> (ids, or a vector's width).</summary>
    public abstract TextEncoder Build(TextEncoderOptions options, int featureCount, int jointDim);

    /// <summary>
    /// The source of this encoder's inputs: the featurizer that <paramref name="featurizer"/> builds or loads (built from
    /// the TRAINING split, saved beside the model), or a pretrained sentence encoder, which ignores it and runs in
    /// <paramref name="options"/>' precision.
    /// </summary>
    public virtual TextInputSource CreateSource(TextEncoderOptions options, Func<ITextFeaturizer> featurizer)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        return TextInputSource.FromFeaturizer(featurizer());
    }

    /// <summary>
    /// Whether a model of this encoder can start from the weights of one of <paramref name="initial"/>: the same
    /// modules, reading a featurizer that extends the initial one's (<see cref="ITextFeaturizer.ExtendedWith"/>), as
    /// an n-gram bag extends a bag of words. Every encoder extends itself.
    /// </summary>
    public virtual bool Extends(TextEncoderSpec initial) => ReferenceEquals(this, initial);

    /// <summary>The featurizer a new model of this encoder reads, built from the training sentences' tokens only.</summary>
    /// <exception cref="InvalidOperationException">The encoder reads no featurized ids.</exception>
    public abstract ITextFeaturizer BuildFeaturizer(TextEncoderOptions options, IReadOnlyList<IReadOnlyList<string>> trainingTokens);

    /// <summary>The encoder as ONNX nodes from its inputs to its <c>[B, D]</c> output (before the joint normalisation).</summary>
    internal abstract OnnxEncoderGraph ExportGraph(OnnxGraphBuilder graph, ModelWeights weights);

    /// <summary>What a caller of the exported graph does to a sentence before it feeds the graph.</summary>
    public abstract IReadOnlyList<string> ExportCallerSteps { get; }

    public override string ToString() => Name;
}
