using Itm.Data.Text;

namespace Itm.Data.Relevance;

/// <summary>
/// What a sentence says, as a set of words: <see cref="Tokenizer"/> (NFKC, lower case, punctuation dropped), minus a
/// short list of words that carry no content in a caption or a query ("a", "the", "of", "picture", ...), with plurals
/// folded to the singular ("boats" → "boat", "berries" → "berry", "boxes" → "box"), so "a dog" and "two dogs" say
/// the same thing. Used by <see cref="CaptionRelevance"/>: a query is answered by an image whose caption says
/// everything the query says.
/// </summary>
public static class CaptionTerms
{
    /// <summary>
    /// Articles, prepositions, pronouns, auxiliaries and the words a query uses to mean "an image of": none of them
    /// narrows which images are meant ("a picture of a dog" asks for what "dog" asks for).
    /// </summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "some", "any", "this", "that", "these", "those",
        "of", "on", "in", "at", "to", "for", "with", "by", "from", "and", "or", "its", "it", "his", "her", "their",
        "is", "are", "be", "being", "there", "has", "have", "which", "who",
        "picture", "image", "drawing", "illustration", "clipart", "clip", "art", "icon", "photo", "graphic",
    };

    /// <summary>The content words of <paramref name="text"/>, singular, in no order.</summary>
    public static IReadOnlySet<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (string token in Tokenizer.Tokenize(text))
        {
            if (!StopWords.Contains(token))
                terms.Add(Singular(token));
        }

        return terms;
    }

    /// <summary>
    /// English plural endings removed by rule, not by dictionary: "-ies" → "-y", "-es" after s, x, z, ch and sh, and a
    /// final "-s" not after s, u or i ("glass", "bus" and "iris" stay). A few irregular forms are missed ("mice");
    /// both a caption and a query go through the same rule, so a word only fails to match its own plural.
    /// </summary>
    public static string Singular(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 3)
            return word; // "bus", "gas", "yes", "its": too short to tell a plural from a word ending in s
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
            return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("zes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal)
            || word.EndsWith("shes", StringComparison.Ordinal))
            return word[..^2];
        if (word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
            return word[..^1];
        return word;
    }
}
