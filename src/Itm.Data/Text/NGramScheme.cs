namespace Itm.Data.Text;

/// <summary>Which n-grams an <see cref="NGramFeaturizer"/> uses; each scheme includes the ones above it.</summary>
public enum NGramScheme
{
    /// <summary>Words only (bag of words).</summary>
    Unigram,

    /// <summary>Words and adjacent word pairs, with sentence-boundary markers.</summary>
    Bigram,

    /// <summary>Words, pairs and triples.</summary>
    Trigram,

    /// <summary>Words, pairs, triples and skip-pairs (w_i, w_{i+2}) written "a _ b".</summary>
    TrigramSkip,
}
