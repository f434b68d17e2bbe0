namespace Itm.Data.Text;

/// <summary>
/// Turns a tokenized sentence into the integer features a text encoder embeds: a sorted bag of feature ids
/// (<see cref="NGramFeaturizer"/>) or a sequence of word ids (<see cref="SequenceFeaturizer"/>). Built from the
/// training split only, saved beside the model, and identified by <see cref="Hash"/> in the model manifest.
/// </summary>
public interface ITextFeaturizer
{
    /// <summary>Number of distinct feature ids; every id returned is in 0..FeatureCount-1.</summary>
    int FeatureCount { get; }

    /// <summary>SHA-256 (lower-case hex) over everything that decides the output, so a mismatch means different features.</summary>
    string Hash { get; }

    /// <summary>The feature ids of one sentence; never empty.</summary>
    int[] Featurize(IReadOnlyList<string> tokens);

    /// <summary>
    /// This table's ids unchanged, then the features of <paramref name="other"/> (a table of the same kind, built from new
    /// training data, over the same n-grams or more) that this one lacks, in <paramref name="other"/>'s order: what a
    /// model fine-tuned on that data reads, every row of its initial model kept and a row added for each new feature.
    /// The result extracts <paramref name="other"/>'s n-grams and otherwise reads a sentence as this table does (its
    /// rows were trained that way).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="other"/> is another kind of table, over fewer n-grams, or cuts sentences at another length.</exception>
    ITextFeaturizer ExtendedWith(ITextFeaturizer other);

    /// <summary>Saves as JSON with a "kind" field, readable by <see cref="TextFeaturizerFile.Load"/>.</summary>
    void Save(string path);
}
