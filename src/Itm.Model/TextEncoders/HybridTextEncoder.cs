using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;
using Itm.Model.TextInputs;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Itm.Model.TextEncoders;

/// <summary>
/// The hybrid text channel (beyond the paper): a learned bag of words and bigrams beside the frozen MiniLM sentence
/// vector, fused in one hidden layer, so one model can lean on the pretrained encoder where sentences are English
/// prose and on its own n-gram table where captions are names and keywords it was never pretrained on.
/// hidden = relu(bag(ids) + bias + W·LayerNorm(vector)); output = Linear(dropout(hidden)).
/// </summary>
public sealed class HybridTextEncoder : TextEncoder, IRowSparseTables
{
    private readonly EmbeddingBag bag;
    private readonly RowSparseBag rows;
    private readonly Parameter bias;
    private readonly LayerNorm inputNorm;
    private readonly Linear vector;
    private readonly Dropout dropout;
    private readonly Linear output;
    private readonly int vectorDim;

    public HybridTextEncoder(int featureCount, int vectorDim, int hiddenDim, int jointDim, double dropout)
        : base(nameof(HybridTextEncoder))
    {
        this.vectorDim = vectorDim;
        bag = nn.EmbeddingBag(featureCount, hiddenDim, mode: EmbeddingBagMode.Sum);
        bias = nn.Parameter(zeros(hiddenDim));

        // Unit-length sentence vectors have components ~1/sqrt(384); normalised, they train at the bag's rate.
        inputNorm = nn.LayerNorm(vectorDim);
        vector = nn.Linear(vectorDim, hiddenDim, hasBias: false);
        this.dropout = nn.Dropout(dropout);
        output = nn.Linear(hiddenDim, jointDim);
        BagOfFeaturesEncoder.InitBag(bag, hiddenDim);
        RegisterComponents();
        rows = new RowSparseBag(bag);
    }

    public IReadOnlyList<RowSparseBag> RowSparseTables => [rows];

    public override Tensor Encode(IReadOnlyList<TextInput> inputs)
    {
        using var scope = NewDisposeScope();
        var words = rows.Sum(inputs, training);                                  // [B, H]
        var sentence = vector.call(inputNorm.call(SentenceVectorMlpEncoder.Stack(inputs, vectorDim))); // [B, H]
        var hidden = nn.functional.relu(words.Plus(bias).Plus(sentence));                          // [B, H]
        return output.call(dropout.call(hidden)).MoveToOuterDisposeScope();                        // [B, D]
    }
}

/// <summary>minilm+ngram-2: <see cref="HybridTextEncoder"/> over MiniLM vectors and the bigram featurizer's ids.</summary>
public sealed class HybridTextSpec : TextEncoderSpec
{
    public static readonly HybridTextSpec MiniLmBigram = new();

    private HybridTextSpec()
    {
    }

    public override string Name => "minilm+ngram-2";

    public override string Summary => "frozen MiniLM sentence vectors and a learned bag of words and bigrams, fused in one MLP";

    public override TextInputKind Input => TextInputKind.FeatureIdsAndSentenceVectors;

    public override IReadOnlyList<string> OptionsUsed => [nameof(TextEncoderOptions.HiddenDim), nameof(TextEncoderOptions.Dropout), nameof(TextEncoderOptions.Precision), nameof(TextEncoderOptions.MaxFeatures)];

    public override TextEncoder Build(TextEncoderOptions options, int featureCount, int jointDim) =>
        new HybridTextEncoder(featureCount, MiniLmExtractor.VectorDimension, options.HiddenDim, jointDim, options.Dropout);

    public override TextInputSource CreateSource(TextEncoderOptions options, Func<ITextFeaturizer> featurizer)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        return TextInputSource.FromBoth(featurizer(), MiniLmExtractor.For(options));
    }

    public override ITextFeaturizer BuildFeaturizer(TextEncoderOptions options, IReadOnlyList<IReadOnlyList<string>> trainingTokens) =>
        BagOfFeaturesSpec.Featurizer(NGramScheme.Bigram, options, trainingTokens);

    /// <summary>The weighted bag of the ids + bias + a linear map of the layer-normalised vector, relu, Linear.</summary>
    internal override OnnxEncoderGraph ExportGraph(OnnxGraphBuilder g, ModelWeights w)
    {
        var (inputs, words, sentence) = OnnxTextEncoderExport.BagAndSentence(g, w);                                      // [B, H] each
        var hidden = OnnxLayers.Relu(g, g.Node("Add", [g.Node("Add", [words, w.Constant(g, "text.bias")]), sentence]));
        var x = OnnxLayers.Linear(g, w, "text.output", hidden);                                                          // [B, D]
        return new OnnxEncoderGraph(inputs,
            ["sum over the first `lengths` ids of bag_weight[id] / sqrt(max(1, lengths)) (EmbeddingBag)", "+ bias", "+ linear map of the layer-normalised sentence vector", "relu", "linear to D"],
            x);
    }

    public override IReadOnlyList<string> ExportCallerSteps =>
    [
        .. BagOfFeaturesSpec.Bigram.ExportCallerSteps,
        .. SentenceVectorMlpSpec.MiniLm.ExportCallerSteps,
    ];
}
