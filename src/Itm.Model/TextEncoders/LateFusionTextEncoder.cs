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
/// The late-fusion text channel: a learned n-gram bag and the frozen MiniLM sentence vector, each with its own MLP head
/// into its own slice of the joint space ([bag part; sentence part], D/2 each). The joint model normalises each slice
/// on its own and weighs it by its share (<see cref="JointParts"/>), so the score is
/// <c>(1 − s)·cos(bag part) + s·cos(sentence part)</c> with <c>s</c> = <see cref="TextEncoderOptions.PretrainedShare"/>.
/// Fused in one hidden layer instead (<see cref="HybridTextEncoder"/>), the pretrained vector, which fits the training
/// captions from the first epoch, drowns the bag where word order decides (synthetic scenes: 508–516 R-sum against
/// 550 here); kept apart, each channel has to rank on its own, and each keeps what it is best at.
/// bag part = Linear(dropout(relu(bag(ids) + bias))); sentence part = Linear(dropout(relu(W·LayerNorm(vector) + bias))).
/// A sentence of which the bag knows no word (its ids are just the unknown id) gets a bag part of zeros, which stays zero
/// when normalised: its score is <c>s·cos(sentence part)</c>, MiniLM alone ranking the images for it, the bag adding
/// nothing either way. Otherwise the unknown row, learned from the rare names training cut from the table (letters,
/// codes), pulls every such query toward those icons. (Scaling the sentence part up to the whole score instead ranks
/// the same images for the query, but lifts such captions above better-read ones when an image is annotated.)
/// </summary>
public sealed class LateFusionTextEncoder : TextEncoder, IRowSparseTables
{
    private readonly EmbeddingBag bag;
    private readonly RowSparseBag rows;
    private readonly Parameter bagBias;
    private readonly Linear bagOutput;
    private readonly LayerNorm inputNorm;
    private readonly Linear vector;
    private readonly Parameter vectorBias;
    private readonly Linear vectorOutput;
    private readonly Dropout dropout;
    private readonly int vectorDim;

    /// <param name="partDim">The width of each channel's slice of the joint space (half of it).</param>
    public LateFusionTextEncoder(int featureCount, int vectorDim, int hiddenDim, int partDim, double dropout)
        : base(nameof(LateFusionTextEncoder))
    {
        this.vectorDim = vectorDim;
        bag = nn.EmbeddingBag(featureCount, hiddenDim, mode: EmbeddingBagMode.Sum);
        bagBias = nn.Parameter(zeros(hiddenDim));
        bagOutput = nn.Linear(hiddenDim, partDim);

        // As in the hybrid: unit-length sentence vectors have components ~1/sqrt(384); normalised, they train at the bag's rate.
        inputNorm = nn.LayerNorm(vectorDim);
        vector = nn.Linear(vectorDim, hiddenDim, hasBias: false);
        vectorBias = nn.Parameter(zeros(hiddenDim));
        vectorOutput = nn.Linear(hiddenDim, partDim);
        this.dropout = nn.Dropout(dropout);
        BagOfFeaturesEncoder.InitBag(bag, hiddenDim);
        RegisterComponents();
        rows = new RowSparseBag(bag);
    }

    public IReadOnlyList<RowSparseBag> RowSparseTables => [rows];

    public override Tensor Encode(IReadOnlyList<TextInput> inputs)
    {
        using var scope = NewDisposeScope();
        var words = nn.functional.relu(rows.Sum(inputs, training).Plus(bagBias));                                          // [B, H]
        var sentence = nn.functional.relu(vector.call(inputNorm.call(SentenceVectorMlpEncoder.Stack(inputs, vectorDim))).Plus(vectorBias)); // [B, H]
        var bagPart = bagOutput.call(dropout.call(words));
        bagPart = bagPart.mul(KnownWords(inputs, bagPart.device));                                                          // [B, D/2]
        var sentencePart = vectorOutput.call(dropout.call(sentence));                                                       // [B, D/2]
        return cat([bagPart, sentencePart], 1).MoveToOuterDisposeScope();                                                   // [B, D]
    }

    /// <summary><c>[B, 1]</c>: 0 for a sentence the bag read none of (ids = [unknown]), 1 otherwise.</summary>
    private static Tensor KnownWords(IReadOnlyList<TextInput> inputs, Device device) =>
        tensor(inputs.Select(input => HasKnownFeature(input.Ids) ? 1f : 0f).ToArray(), device: device).reshape(inputs.Count, 1);

    /// <summary>Whether a featurized sentence holds any feature of the table (the featurizer writes [unknown] when none).</summary>
    public static bool HasKnownFeature(int[] ids) => ids.Any(id => id != NGramFeaturizer.UnknownFeatureId);
}

/// <summary>minilm+&lt;bag&gt;: <see cref="LateFusionTextEncoder"/> over MiniLM vectors and one n-gram featurizer's ids.</summary>
public sealed class LateFusionTextSpec : TextEncoderSpec
{
    /// <summary>minilm+ngram-3+skip: the n-gram scheme that wins the synthetic word-order scenes, beside MiniLM.</summary>
    public static readonly LateFusionTextSpec MiniLmTrigramSkip = new(BagOfFeaturesSpec.TrigramSkip);

    /// <summary>
    /// minilm+bow: a learned vector for every word beside MiniLM. For names, where one word (a letter, a direction, a
    /// brand) tells two things apart, and where an n-gram table over tens of thousands of icon names would not fit a
    /// shipped model.
    /// </summary>
    public static readonly LateFusionTextSpec MiniLmBow = new(BagOfFeaturesSpec.Bow);

    private readonly BagOfFeaturesSpec bag;

    private LateFusionTextSpec(BagOfFeaturesSpec bag)
    {
        this.bag = bag;
    }

    public override string Name => $"minilm+{bag.Name}";

    /// <summary>The same modules beside any bag; a wider bag extends a narrower one's table (minilm+ngram-3+skip from minilm+bow).</summary>
    public override bool Extends(TextEncoderSpec initial) => initial is LateFusionTextSpec fusion && bag.Extends(fusion.bag);

    public override string Summary =>
        $"frozen MiniLM sentence vectors and a learned {bag.Name} bag, each in its own part of the joint space (late fusion)";

    public override TextInputKind Input => TextInputKind.FeatureIdsAndSentenceVectors;

    public override IReadOnlyList<string> OptionsUsed =>
        [nameof(TextEncoderOptions.HiddenDim), nameof(TextEncoderOptions.Dropout), nameof(TextEncoderOptions.PretrainedShare), nameof(TextEncoderOptions.Precision), nameof(TextEncoderOptions.MaxFeatures)];

    /// <summary>The bag's part first, then the sentence vector's, as <see cref="LateFusionTextEncoder.Encode"/> writes them.</summary>
    public override JointParts Parts(TextEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double share = options.PretrainedShare;
        if (!(share > 0 && share < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), share, $"{Name}: the pretrained part's share must lie strictly between 0 and 1.");
        }

        return new JointParts([1 - share, share]);
    }

    public override TextEncoder Build(TextEncoderOptions options, int featureCount, int jointDim)
    {
        ArgumentNullException.ThrowIfNull(options);
        int partDim = Parts(options).PartDim(jointDim);
        return new LateFusionTextEncoder(featureCount, MiniLmExtractor.VectorDimension, options.HiddenDim, partDim, options.Dropout);
    }

    public override TextInputSource CreateSource(TextEncoderOptions options, Func<ITextFeaturizer> featurizer)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        return TextInputSource.FromBoth(featurizer(), MiniLmExtractor.For(options));
    }

    public override ITextFeaturizer BuildFeaturizer(TextEncoderOptions options, IReadOnlyList<IReadOnlyList<string>> trainingTokens) =>
        BagOfFeaturesSpec.Featurizer(bag.Scheme, options, trainingTokens);

    /// <summary>Each channel's head as in <see cref="LateFusionTextEncoder.Encode"/>, then the two parts side by side.</summary>
    internal override OnnxEncoderGraph ExportGraph(OnnxGraphBuilder g, ModelWeights w)
    {
        var (inputs, words, sentence) = OnnxTextEncoderExport.BagAndSentence(g, w);                                        // [B, H] each
        var wordsHidden = OnnxLayers.Relu(g, g.Node("Add", [words, w.Constant(g, "text.bagBias")]));
        var sentenceHidden = OnnxLayers.Relu(g, g.Node("Add", [sentence, w.Constant(g, "text.vectorBias")]));              // [B, H]
        var bagPart = g.Node("Mul", [OnnxLayers.Linear(g, w, "text.bagOutput", wordsHidden), OnnxTextEncoderExport.KnownFeatureMask(g)]);
        var joined = g.Node("Concat", [bagPart, OnnxLayers.Linear(g, w, "text.vectorOutput", sentenceHidden)], OnnxAttr.Int("axis", 1)); // [B, D]
        return new OnnxEncoderGraph(inputs,
            [
                "bag part: sum over the first `lengths` ids of bag_weight[id] / sqrt(max(1, lengths)) (EmbeddingBag), + bias, relu, linear to D/2, "
                    + "all zeros when no id is above 0 (the bag knows none of the words)",
                "sentence part: linear map of the layer-normalised sentence vector, + bias, relu, linear to D/2",
                "the two parts side by side",
            ],
            joined);
    }

    public override IReadOnlyList<string> ExportCallerSteps =>
    [
        .. bag.ExportCallerSteps,
        .. SentenceVectorMlpSpec.MiniLm.ExportCallerSteps,
    ];
}
