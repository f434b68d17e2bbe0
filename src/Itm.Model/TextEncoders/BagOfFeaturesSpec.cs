using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;

namespace Itm.Model.TextEncoders;

/// <summary>
/// The paper's bag-of-words and n-gram text models: <see cref="BagOfFeaturesEncoder"/> over the feature ids of one
/// <see cref="NGramScheme"/>. One spec per scheme, each a catalog entry of its own.
/// </summary>
public sealed class BagOfFeaturesSpec : TextEncoderSpec
{
    public static readonly BagOfFeaturesSpec Bow = new("bow", NGramScheme.Unigram, "bag of words + MLP", ["bow", "ngram/unigram"]);
    public static readonly BagOfFeaturesSpec Bigram = new("ngram-2", NGramScheme.Bigram, "words and bigrams + MLP", ["ngram/bigram"]);
    public static readonly BagOfFeaturesSpec Trigram = new("ngram-3", NGramScheme.Trigram, "words, bigrams and trigrams + MLP", ["ngram/trigram"]);
    public static readonly BagOfFeaturesSpec TrigramSkip = new("ngram-3+skip", NGramScheme.TrigramSkip, "words, bigrams, trigrams and skip-grams + MLP", ["ngram/trigram-skip"]);

    private BagOfFeaturesSpec(string name, NGramScheme scheme, string summary, IReadOnlyList<string> aliases)
    {
        Name = name;
        Scheme = scheme;
        Summary = summary;
        ManifestAliases = aliases;
    }

    public override string Name { get; }

    public override string Summary { get; }

    /// <summary>Which n-grams are features.</summary>
    public NGramScheme Scheme { get; }

    public override TextInputKind Input => TextInputKind.FeatureIds;

    public override IReadOnlyList<string> OptionsUsed => [nameof(TextEncoderOptions.HiddenDim), nameof(TextEncoderOptions.Dropout), nameof(TextEncoderOptions.MaxFeatures)];

    public override IReadOnlyList<string> ManifestAliases { get; }

    public override TextEncoder Build(TextEncoderOptions options, int featureCount, int jointDim) =>
        new BagOfFeaturesEncoder(featureCount, options.HiddenDim, jointDim, options.Dropout);

    /// <summary>Every bag shares its modules; its table extends a table over the same n-grams or fewer.</summary>
    public override bool Extends(TextEncoderSpec initial) => initial is BagOfFeaturesSpec bag && Scheme >= bag.Scheme;

    /// <summary>The n-gram featurizer with its own count thresholds (<see cref="TextEncoderOptions.MinCount"/> is SSE's), at most <see cref="TextEncoderOptions.MaxFeatures"/> features.</summary>
    public override ITextFeaturizer BuildFeaturizer(TextEncoderOptions options, IReadOnlyList<IReadOnlyList<string>> trainingTokens) =>
        Featurizer(Scheme, options, trainingTokens);

    /// <summary>
    /// The featurizer of a bag over <paramref name="scheme"/>, for every encoder with an n-gram bag; it reads sentences
    /// without their leading article (<see cref="NGramFeaturizer.SkipsLeadingArticle"/>).
    /// </summary>
    internal static NGramFeaturizer Featurizer(NGramScheme scheme, TextEncoderOptions options, IReadOnlyList<IReadOnlyList<string>> trainingTokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        return NGramFeaturizer.Build(scheme, trainingTokens, maxFeatures: options.MaxFeatures, skipLeadingArticle: true);
    }

    /// <summary>
    /// EmbeddingBag(sum) with per-id weight 1/sqrt(max(1, n)) + bias, relu, Linear. The bag is a Gather of the padded
    /// ids, weighted by a mask built from <c>lengths</c>, then summed over the length axis.
    /// </summary>
    internal override OnnxEncoderGraph ExportGraph(OnnxGraphBuilder g, ModelWeights w)
    {
        var (ids, lengths, inputs) = OnnxTextEncoderExport.IdInputs(g, "feature ids of the sentence (any order), padded after its length with 0");
        var bag = OnnxTextEncoderExport.WeightedBag(g, w, "text.bag.weight", ids, lengths);                                // [B, H]
        var hidden = OnnxLayers.Relu(g, g.Node("Add", [bag, w.Constant(g, "text.bias")]));
        var x = OnnxLayers.Linear(g, w, "text.output", hidden);                                                          // [B, D]
        return new OnnxEncoderGraph(inputs,
            ["sum over the first `lengths` ids of bag_weight[id] / sqrt(max(1, lengths)) (EmbeddingBag)", "+ bias, relu", "linear to D"],
            x);
    }

    public override IReadOnlyList<string> ExportCallerSteps =>
    [
        OnnxTextEncoderExport.TokenizeStep,
        "Featurise the tokens with the n-gram featurizer of text-features.json (Itm.Data.Text.NGramFeaturizer.Featurize): with skipLeadingArticle, first drop a leading a/an/the when more words follow; then the distinct feature ids present, or [0] when none is known.",
        OnnxTextEncoderExport.StackIdsStep,
    ];
}
