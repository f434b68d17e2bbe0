using Itm.Data.Images;
using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;
using Itm.Model.TextEncoders;

namespace Itm.Model.JointEmbedding;

/// <summary>
/// Text channel settings: which encoder (a name of the <see cref="EncoderCatalog"/>) and the widths it is built with;
/// each encoder reads the options its spec lists (<see cref="TextEncoderSpec.OptionsUsed"/>). These are the defaults
/// of every front door (library, CLI, study). The encoder is the late fusion of MiniLM and a learned trigram + skip-gram
/// bag: over three seeds it is the only text model within 5% of the best on each studied dataset (best on OpenClipart's
/// keyword titles, level with the order-aware models on the synthetic word-order scenes, within MiniLM's seed spread on
/// Tux Paint's English sentences), where MiniLM alone falls to 86% of the best on the synthetic scenes (docs/results.md).
/// Widths follow the design: hidden 1024 for the
/// MLPs, 300-d words and a 512-d BiGRU for SSE.
/// </summary>
public sealed record TextEncoderOptions
{
    public TextEncoderSpec Model { get; init; } = LateFusionTextSpec.MiniLmTrigramSkip;

    /// <summary>Hidden width of the bag-of-features MLP, and of the MLP over MiniLM's sentence vectors.</summary>
    public int HiddenDim { get; init; } = 1024;

    /// <summary>SSE word embedding width.</summary>
    public int WordDim { get; init; } = 300;

    /// <summary>SSE GRU state width per direction.</summary>
    public int GruDim { get; init; } = 512;

    /// <summary>Longest sentence SSE reads, in tokens; longer ones are truncated.</summary>
    public int MaxTokens { get; init; } = 32;

    /// <summary>SSE vocabulary: a word needs this many training occurrences to get its own id (n-gram features use the featurizer's own thresholds).</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>
    /// An n-gram bag's table (bow, ngram-*, and the bag of the hybrid and late-fusion encoders): at most this many
    /// features, the training captions' most frequent words and n-grams; the rarer ones read as unknown. The table is
    /// <c>MaxFeatures × HiddenDim</c> floats, so this caps the weights of a model trained on a large vocabulary
    /// (4 KB a feature at the default width: 8,000 features are 33 MB).
    /// </summary>
    public int MaxFeatures { get; init; } = NGramFeaturizer.DefaultMaxFeatures;

    /// <summary>Heavy dropout pays off: the real datasets here have a few thousand training images.</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>
    /// In a late-fusion encoder, the share of the match score its pretrained sentence vector's part carries; the learned
    /// bag's part carries the rest (<see cref="JointParts"/>). 0.7 keeps Tux Paint's English sentences, which lean on
    /// MiniLM, at MiniLM's level; an equal split lost 20 R-sum there (docs/results.md).
    /// </summary>
    public double PretrainedShare { get; init; } = 0.7;

    /// <summary>
    /// The arithmetic of the pretrained MiniLM behind an encoder that reads it (minilm, hybrid, the late-fusion
    /// encoders). The sentence vectors a model trains on are computed this way, and so are its queries'. Int8: one
    /// sentence at a time it encodes 2–3× as many per second, and over three seeds its R-sum is within one standard
    /// deviation of float32's on OpenClipart and Tux Paint (docs/results.md); a model keeps the precision it was
    /// trained with, so a change of this default never changes an existing model.
    /// </summary>
    public PretrainedPrecision Precision { get; init; } = PretrainedPrecision.Int8;
}

/// <summary>Image channel settings: which encoder and the widths it is built with (see <see cref="ImageEncoderSpec.OptionsUsed"/>).</summary>
public sealed record ImageEncoderOptions
{
    /// <summary>Which encoder: a name of the <see cref="EncoderCatalog"/>.</summary>
    public ImageEncoderSpec Model { get; init; } = FeatureMlpSpec.ResNet18;

    /// <summary>Hidden width of the image MLP head.</summary>
    public int HiddenDim { get; init; } = 1024;

    /// <summary>Pixel input side for convnet (a multiple of 16).</summary>
    public int PixelSize { get; init; } = 64;

    /// <summary>Heavy dropout pays off: the real datasets here have a few thousand training images.</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>
    /// The arithmetic of the pretrained network behind a feature encoder (resnet18). The features a model trains on are
    /// computed this way, and so, unless told otherwise, are those it indexes. Int8: about twice the images per second,
    /// with R-sum within one standard deviation of float32's (docs/results.md). Encoders that read no pooled features
    /// (convnet, resnet18tune) ignore it.
    /// </summary>
    public PretrainedPrecision Precision { get; init; } = PretrainedPrecision.Int8;

    /// <summary>
    /// How every image encoder puts a picture of any shape on its square input, when it trains and when it indexes.
    /// Contain: the whole picture, its longer side scaled to the input, centred on white. Drawings are often wide or
    /// tall (41% of OpenClipart's and 45% of Tux Paint's have one side 1.3× the other), and the centre crop cut their
    /// ends off: over three seeds Contain gained 9.5 R-sum on Tux Paint and 12–20 zero-shot with the base model, and was
    /// within one standard deviation on OpenClipart (docs/results.md). A model keeps the fit it was trained with.
    /// </summary>
    public ImageFit Fit { get; init; } = ImageFit.Contain;

    /// <summary>
    /// For resnet18: the features of the picture alone, the mean of those of the picture and its mirror image (twice
    /// the cost of computing features, when training and when indexing), or the picture's beside the mean of its four
    /// quarters' seen at twice the detail (five times the cost). A model keeps its views; the other encoders read maps or
    /// pixels and ignore it.
    /// </summary>
    public ImageViews Views { get; init; } = ImageViews.One;

    /// <summary>
    /// For resnet18 with <see cref="ImageViews.Scales"/>: the probability, per picture and step of training, that its
    /// quarters' features are replaced by its whole picture's (<see cref="ImageEncoders.FeatureMlpEncoder"/>). Zero by
    /// default; the base model trains with 0.3, which kept the fine-tuning gain of two scales without losing zero-shot
    /// R-sum on the held-out sets (docs/base-model.md). It acts only while training, like <see cref="Dropout"/>.
    /// </summary>
    public double QuartersDropout { get; init; }
}

/// <summary>
/// A learned vector added to the query side of one retrieval direction: to every sentence vector for search, to every
/// image vector for annotation. It changes that direction's rankings only (a sentence ranking images by
/// (t + w)·i = t·i + w·i gains a per-image prior w·i), while the other direction's rankings, in which the added term is
/// the same for every candidate, cannot change. So it can specialise a model to one direction at no cost to the other.
/// </summary>
public enum QueryPrior
{
    None,

    /// <summary>A prior over images for sentence queries (image search).</summary>
    Search,

    /// <summary>A prior over sentences for image queries (annotation).</summary>
    Annotate,
}

/// <summary>Both channels and the joint space they map into.</summary>
public sealed record JointEmbeddingOptions
{
    /// <summary>Dimension of the joint space.</summary>
    public int Dim { get; init; } = 256;

    /// <summary>The learned query prior of a model specialised to one direction; none by default.</summary>
    public QueryPrior Prior { get; init; } = QueryPrior.None;

    public TextEncoderOptions Text { get; init; } = new();

    public ImageEncoderOptions Image { get; init; } = new();
}
