using Itm.Data.Text;

namespace Itm.Model.JointEmbedding;

/// <summary>The command-line spellings of <see cref="NGramScheme"/>: 1, 2, 3, 3+skip.</summary>
public static class NGramSchemeNames
{
    public static string Format(NGramScheme scheme) => scheme switch
    {
        NGramScheme.Unigram => "1",
        NGramScheme.Bigram => "2",
        NGramScheme.Trigram => "3",
        NGramScheme.TrigramSkip => "3+skip",
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
    };

    public static NGramScheme Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "unigram" => NGramScheme.Unigram,
        "2" or "bigram" => NGramScheme.Bigram,
        "3" or "trigram" => NGramScheme.Trigram,
        "3+skip" or "trigram+skip" or "3skip" => NGramScheme.TrigramSkip,
        _ => throw new FormatException($"Unknown n-gram scheme '{text}'. Use 2, 3 or 3+skip."),
    };
}
