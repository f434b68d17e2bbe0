using System.Globalization;

namespace Itm.Search.Queries;

/// <summary>
/// A search query as terms to add up in the joint space: its vector is normalize(Σ weight · unit vector of the term)
/// (<see cref="QueryService.Search(QueryExpression, int, double?)"/>). Parsed from text, with an optional image term:
/// <list type="bullet">
/// <item>the words without an operator form one phrase, in their order: <c>a red circle left of a blue square</c>
/// is one sentence, as a query without operators always is (it is searched exactly as typed);</item>
/// <item><c>+word</c> adds a term and <c>-word</c> subtracts one (weight 1 and −1);</item>
/// <item><c>W:word</c>, <c>+W:word</c> and <c>-W:word</c> give a weight (W a number greater than 0, with a point
/// for decimals: <c>2:dog</c>, <c>-0.5:people</c>);</item>
/// <item>an operator or weight binds to the next word only; quotes group words into one term:
/// <c>+"blue square"</c> (<c>+blue square</c> adds <c>blue</c> and leaves <c>square</c> in the phrase);</item>
/// <item>a '+', '-' or quote inside a word is part of it (<c>t-shirt</c>), and so is a colon not between a weight and
/// a letter (<c>3:30</c>).</item>
/// </list>
/// Errors (<see cref="QueryExpressionException"/>) name the token and its position: an empty query, a '+' or '-'
/// with nothing after it, a bad weight, an unclosed quote, a query with no positive term.
/// </summary>
public sealed class QueryExpression
{
    private QueryExpression(string text, IReadOnlyList<QueryTerm> terms)
    {
        Text = text;
        Terms = terms;
    }

    /// <summary>The query as typed.</summary>
    public string Text { get; }

    /// <summary>The phrase of the words without an operator first (when there are any), then the other terms in order, then the image.</summary>
    public IReadOnlyList<QueryTerm> Terms { get; }

    /// <param name="image">An image to search with too, weighted <paramref name="imageWeight"/> (any finite number but 0).</param>
    public static QueryExpression Parse(string text, ImageReference? image = null, double imageWeight = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (image is not null && !IsWeight(Math.Abs(imageWeight)))
        {
            throw new ArgumentOutOfRangeException(nameof(imageWeight), imageWeight, "An image's weight is a finite number other than 0.");
        }

        var phraseWords = new List<string>();
        int phrasePosition = 0;
        var terms = new List<QueryTerm>();
        int start = SkipSpace(text, 0);
        while (start < text.Length)
        {
            var (weight, words, end) = ReadToken(text, start);
            if (weight is double w)
            {
                terms.Add(QueryTerm.Text(words, w, text[start..end], start + 1));
            }
            else
            {
                phrasePosition = phraseWords.Count == 0 ? start + 1 : phrasePosition;
                phraseWords.Add(words);
            }

            start = SkipSpace(text, end);
        }

        if (phraseWords.Count == 0 && terms.Count == 0)
        {
            throw new QueryExpressionException("", 0, "The query is empty: write what to look for, e.g. a red apple, or beach +sunset -people.");
        }

        if (phraseWords.Count > 0)
        {
            // Without operators the query is searched exactly as typed, quotes and spacing included.
            string phrase = terms.Count == 0 ? text.Trim() : string.Join(' ', phraseWords);
            terms.Insert(0, QueryTerm.Text(phrase, 1, phrase, phrasePosition));
        }

        if (image is not null)
        {
            terms.Add(QueryTerm.OfImage(image, imageWeight));
        }

        if (!terms.Any(t => t.Weight > 0))
        {
            throw new QueryExpressionException(terms[0],
                "the query only subtracts. Add something to search for: words without '-' in front, e.g. beach -people.");
        }

        return new QueryExpression(text, terms);
    }

    public override string ToString() => Text;

    /// <summary>One token from <paramref name="start"/>: its weight (null for a word of the phrase), its words, and where it ends.</summary>
    private static (double? Weight, string Words, int End) ReadToken(string text, int start)
    {
        int at = start;
        double? weight = null;
        if (text[at] is '+' or '-')
        {
            weight = text[at] == '-' ? -1 : 1;
            at++;
            if (at == text.Length || char.IsWhiteSpace(text[at]))
            {
                char op = text[start];
                throw new QueryExpressionException(op.ToString(), start + 1,
                    $"'{op}' has nothing after it. Write {op}word or {op}\"two words\", with no space after the '{op}'.");
            }
        }

        if (WeightColon(text, at) is int colon)
        {
            string written = text[at..colon];
            if (!double.TryParse(written, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double magnitude) || !IsWeight(magnitude))
            {
                throw new QueryExpressionException(written, at + 1,
                    "is not a weight. A weight is a number greater than 0, with a point for decimals: 2:dog, -0.5:people.");
            }

            if (colon + 1 == text.Length || char.IsWhiteSpace(text[colon + 1]))
            {
                throw new QueryExpressionException(text[start..(colon + 1)], start + 1,
                    $"the weight has nothing to weigh. Write the word right after the colon: {written}:dog.");
            }

            weight = (weight ?? 1) * magnitude;
            at = colon + 1;
        }

        if (text[at] != '"')
        {
            int end = EndOfWord(text, at);
            return (weight, text[at..end], end);
        }

        int close = text.IndexOf('"', at + 1);
        if (close < 0)
        {
            throw new QueryExpressionException("\"", at + 1, "this quote is never closed. Add a closing \" after the words it groups.");
        }

        if (text[(at + 1)..close].Trim() is not { Length: > 0 } words)
        {
            throw new QueryExpressionException(text[start..(close + 1)], start + 1, "the quotes hold no words.");
        }

        if (close + 1 < text.Length && !char.IsWhiteSpace(text[close + 1]))
        {
            throw new QueryExpressionException(text[start..EndOfWord(text, close + 1)], start + 1, "write a space after the closing quote.");
        }

        return (weight, words, close + 1);
    }

    /// <summary>
    /// Where the colon of a weight is, when the word at <paramref name="at"/> starts with one: digits, points or commas,
    /// then a colon followed by a letter, a quote or nothing (so <c>3:30</c> stays a word).
    /// </summary>
    private static int? WeightColon(string text, int at)
    {
        int end = at;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or ','))
        {
            end++;
        }

        if (end == at || end == text.Length || text[end] != ':')
        {
            return null;
        }

        int next = end + 1;
        return next == text.Length || char.IsWhiteSpace(text[next]) || char.IsLetter(text[next]) || text[next] == '"' ? end : null;
    }

    private static bool IsWeight(double magnitude) => double.IsFinite(magnitude) && magnitude > 0;

    private static int SkipSpace(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }

    private static int EndOfWord(string text, int at)
    {
        while (at < text.Length && !char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }
}
