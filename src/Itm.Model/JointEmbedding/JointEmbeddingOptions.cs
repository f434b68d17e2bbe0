using Itm.Data.Text;

namespace Itm.Model.JointEmbedding;

/// <summary>Text channel settings. Defaults follow the design: hidden 1024 for the MLPs, 300-d words and a 512-d BiGRU for SSE.</summary>
public sealed record TextEncoderOptions
{
    public TextModel Model { get; init; } = TextModel.Ngram;

    /// <summary>Only for <see cref="TextModel.Ngram"/>: which n-grams are features.</summary>
    public NGramScheme NGrams { get; init; } = NGramScheme.TrigramSkip;

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

    /// <summary>Heavy dropout pays off: the real datasets here have a few thousand training images.</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>The featurizer this text model reads: the n-gram scheme for bags, none for SSE (a sequence) and MiniLM (raw sentences).</summary>
    public NGramScheme? BagScheme => Model switch
    {
        TextModel.Bow => NGramScheme.Unigram,
        TextModel.Ngram => NGrams,
        _ => null,
    };

    /// <summary>Stable short name used in reports and folder names: bow, ngram-2, sse, minilm...</summary>
    public string DisplayName => Model switch
    {
        TextModel.Ngram => $"ngram-{NGramSchemeNames.Format(NGrams)}",
        _ => Model.ToString().ToLowerInvariant(),
    };
}

/// <summary>Image channel settings.</summary>
public sealed record ImageEncoderOptions
{
    public ImageModel Model { get; init; } = ImageModel.ResNet18;

    /// <summary>Hidden width of the image MLP head.</summary>
    public int HiddenDim { get; init; } = 1024;

    /// <summary>Pixel input side for <see cref="ImageModel.ConvNet"/> (a multiple of 16).</summary>
    public int PixelSize { get; init; } = 64;

    /// <summary>Heavy dropout pays off: the real datasets here have a few thousand training images.</summary>
    public double Dropout { get; init; } = 0.5;
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
