using Itm.Data.Text;

namespace Itm.Search.Queries;

/// <summary>
/// How the words <c>itm index --ocr</c> read inside an image add to its search score:
/// <c>score = cosine + weight × (query words found in the image) / (query words)</c>. The query's words are its
/// tokens (the caption tokenizer's: lower-cased, punctuation dropped), each counted once, less a short list of
/// English function words ("a", "the", "of", ...) that say nothing about what is written; a match is an exact token
/// match. With the default weight 0.6, an image showing every query word gains 0.6 on its cosine. The base model's
/// cosines for one query span 0.67–0.93 over the 300 pictures of benchmarks/ocr (best to worst, three words tried), and
/// the pictures that look most like a word's meaning are few, so a picture with the word written in it comes first
/// unless another matches far better by what it shows. 0.6 is the lowest weight
/// tried that put at least 90 % of the benchmark's words' pictures in the top 5 with the two-scale base model (91.4 %;
/// 87.7 % at 0.5, which sufficed for the one-view base model before it). A query of function words only, an index without
/// words, or a weight of 0 leaves every score its cosine.
/// </summary>
public sealed record WordMatchOptions
{
    /// <summary>The weight of the fraction of query words found in an image; 0 turns word matching off.</summary>
    public float Weight { get; init; } = 0.6f;

    /// <summary>At most this many query words are matched (the first ones); a longer query is a sentence, not a list of words to look for.</summary>
    public int MaxQueryWords { get; init; } = 16;

    public void Validate()
    {
        if (!(Weight is >= 0 and <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(Weight), Weight, "The word weight is from 0 (off) to 10; 0.6 is the default.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueryWords, 1, nameof(MaxQueryWords));
    }
}

/// <summary>The arithmetic of <see cref="WordMatchOptions"/>, as pure functions.</summary>
public static class WordMatch
{
    /// <summary>Dropped from queries: they are in most sentences and rarely what someone looks for written in a picture.</summary>
    public static readonly IReadOnlySet<string> FunctionWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "is", "are", "by", "from", "its", "it", "that", "this",
    };

    /// <summary>The words of a query that are looked for among an image's words, distinct, in query order.</summary>
    public static IReadOnlyList<string> QueryWords(string query, WordMatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        return [.. Tokenizer.Tokenize(query).Where(t => !FunctionWords.Contains(t)).Distinct(StringComparer.Ordinal).Take(options.MaxQueryWords)];
    }

    /// <summary>The query words found among an image's words, in query order.</summary>
    public static IReadOnlyList<string> Found(IReadOnlyList<string> queryWords, IReadOnlyCollection<string> imageWords)
    {
        var have = imageWords as IReadOnlySet<string> ?? imageWords.ToHashSet(StringComparer.Ordinal);
        return [.. queryWords.Where(have.Contains)];
    }

    /// <summary><c>cosine + weight × found / queryWords</c>; the cosine alone when the query has no words.</summary>
    public static float Score(float cosine, int found, int queryWords, float weight) =>
        queryWords == 0 ? cosine : cosine + (weight * found / queryWords);
}
