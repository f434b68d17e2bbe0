using Itm.Data.Text;

namespace Itm.Model.JointEmbedding;

/// <summary>Text channel settings. Defaults follow the design: hidden 1024 for the MLPs, 300-d words and a 512-d BiGRU for SSE.</summary>
public sealed record TextEncoderOptions
{
    public TextModel Model { get; init; } = TextModel.Ngram;

    /// <summary>Only for <see cref="TextModel.Ngram"/>: which n-grams are features.</summary>
    public NGramScheme NGrams { get; init; } = NGramScheme.TrigramSkip;

    /// <summary>Hidden width of the bag-of-features MLP.</summary>
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

    /// <summary>The featurizer this text model reads: the n-gram scheme for bags, none (a sequence) for SSE.</summary>
    public NGramScheme? BagScheme => Model switch
    {
        TextModel.Bow => NGramScheme.Unigram,
        TextModel.Ngram => NGrams,
        _ => null,
    };

    /// <summary>Stable short name used in reports and folder names: bow, ngram-bigram, sse...</summary>
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

/// <summary>Both channels and the joint space they map into.</summary>
public sealed record JointEmbeddingOptions
{
    /// <summary>Dimension of the joint space.</summary>
    public int Dim { get; init; } = 256;

    public TextEncoderOptions Text { get; init; } = new();

    public ImageEncoderOptions Image { get; init; } = new();
}
