using System.Text;

namespace Itm.Data.Text;

/// <summary>
/// The n-gram features of one sentence as strings: words, then (per <see cref="NGramScheme"/>) word pairs
/// "a b", triples "a b c" and skip-pairs "a _ b". Pairs and longer run over the sentence wrapped in
/// <see cref="Start"/>/<see cref="End"/> so first and last words are told apart ("&lt;s&gt; a"); single words are not wrapped,
/// because the markers alone would be features that every sentence has. Tokens must not contain spaces
/// (<see cref="Tokenizer"/> guarantees this), or a word could read as a pair.
/// </summary>
public static class NGrams
{
    public const string Start = "<s>";
    public const string End = "</s>";
    public const string Gap = "_";

    /// <summary>Every feature occurrence in order (repeats kept, so counts can be taken); empty for an empty sentence.</summary>
    public static IReadOnlyList<string> Extract(NGramScheme scheme, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (!Enum.IsDefined(scheme))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Not an n-gram scheme.");
        }

        var features = new List<string>(tokens.Count * 4);
        features.AddRange(tokens);
        if (scheme == NGramScheme.Unigram || tokens.Count == 0)
        {
            return features;
        }

        string[] padded = [Start, .. tokens, End];
        var builder = new StringBuilder();
        for (int i = 0; i + 1 < padded.Length; i++)
        {
            features.Add(Join(builder, padded[i], padded[i + 1]));
        }

        if (scheme is NGramScheme.Trigram or NGramScheme.TrigramSkip)
        {
            for (int i = 0; i + 2 < padded.Length; i++)
            {
                features.Add(Join(builder, padded[i], padded[i + 1], padded[i + 2]));
            }
        }

        if (scheme == NGramScheme.TrigramSkip)
        {
            for (int i = 0; i + 2 < padded.Length; i++)
            {
                features.Add(Join(builder, padded[i], Gap, padded[i + 2]));
            }
        }

        return features;
    }

    private static string Join(StringBuilder builder, params ReadOnlySpan<string> parts)
    {
        builder.Clear();
        foreach (string part in parts)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part);
        }

        return builder.ToString();
    }
}
