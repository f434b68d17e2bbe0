using System.Globalization;
using System.Numerics.Tensors;
using CsCheck;
using Itm.Data.Recipes;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>
/// For any query of phrase words, added and subtracted words and quoted phrases with any weights, search scores every
/// image by the formula <see cref="QueryExpression"/> documents, computed here by hand: normalize(Σ weight · vector of
/// the term), dotted with the image's vector; a query with no positive term or whose terms cancel is refused.
/// </summary>
[Collection("Sequential")]
public sealed class QueryAlgebraPropertyTests : IClassFixture<SceneIndex>
{
    private static readonly string[] Words =
        [.. Enum.GetValues<SceneColour>().Select(SceneWords.Of), .. Enum.GetValues<SceneShape>().Select(SceneWords.Of)];

    private readonly SceneIndex scenes;

    public QueryAlgebraPropertyTests(SceneIndex scenes)
    {
        this.scenes = scenes;
    }

    /// <summary>One operator term: its words (one, or two in quotes), sign and weight, and whether the weight is written.</summary>
    private sealed record Term(string[] TermWords, bool Negative, double Weight, bool WeightWritten)
    {
        public double Signed => Negative ? -Weight : Weight;

        public string Phrase => string.Join(' ', TermWords);

        public override string ToString()
        {
            string words = TermWords.Length == 1 ? TermWords[0] : $"\"{Phrase}\"";
            string weight = WeightWritten ? Weight.ToString(CultureInfo.InvariantCulture) + ":" : "";
            return $"{(Negative ? '-' : '+')}{weight}{words}";
        }
    }

    private static readonly double[] Weights = [0.25, 0.5, 1, 1.5, 2, 3];

    private static readonly Gen<string> Word = Gen.Int[0, Words.Length - 1].Select(i => Words[i]);

    private static readonly Gen<Term> Terms =
        from words in Word.Array[1, 2]
        from negative in Gen.Bool
        from weight in Gen.Int[0, Weights.Length - 1].Select(i => Weights[i])
        from written in Gen.Bool
        select new Term(words, negative, written ? weight : 1, written);

    /// <summary>The words without an operator (one phrase) and the operator terms after them.</summary>
    private sealed record Query(string[] Phrase, Term[] Terms)
    {
        public override string ToString() => string.Join(' ', [.. Phrase, .. Terms.Select(t => t.ToString())]);
    }

    private static readonly Gen<Query> Queries = Gen.Select(Word.Array[0, 3], Terms.Array[0, 4], (phrase, terms) => new Query(phrase, terms));

    [Fact]
    public void Every_score_is_the_documented_weighted_sum()
    {
        using var service = scenes.Open();
        var images = scenes.Scenes.ToDictionary(s => Path.GetFileName(scenes.PathOf(s)), SceneIndex.VectorOf);
        Queries.Where(q => q.Phrase.Length + q.Terms.Length > 0).Sample(query =>
        {
            string text = query.ToString();
            var (refused, expected) = ExpectedQueryVector(query.Phrase, query.Terms);
            if (refused)
            {
                Assert.Throws<QueryExpressionException>(() => service.Search(QueryExpression.Parse(text), images.Count));
                return;
            }

            if (expected is null)
            {
                return; // at the service's cancellation cut-off, within rounding: either answer is right
            }

            var matches = service.Search(QueryExpression.Parse(text), images.Count);
            Assert.Equal(images.Count, matches.Count);
            foreach (var match in matches)
            {
                float want = TensorPrimitives.Dot(expected, images[Path.GetFileName(match.RelativePath)]);
                Assert.True(Math.Abs(want - match.Score) < 1e-4f, $"'{text}': {match.RelativePath} scores {match.Score}, the formula gives {want}");
            }
        }, iter: 300, print: query => query.ToString());
    }

    /// <summary>
    /// Whether the query must be refused (nothing positive, or terms that cancel exactly), else the documented query
    /// vector, or null when the terms nearly cancel and float rounding decides either way.
    /// </summary>
    private static (bool Refused, float[]? Vector) ExpectedQueryVector(string[] phrase, Term[] terms)
    {
        var weighted = new List<(double Weight, float[] Vector)>();
        if (phrase.Length > 0)
        {
            weighted.Add((1, SceneIndex.VectorOf(string.Join(' ', phrase))));
        }

        weighted.AddRange(terms.Select(t => (t.Signed, SceneIndex.VectorOf(t.Phrase))));
        if (!weighted.Any(w => w.Weight > 0))
        {
            return (true, null);
        }

        var sum = new double[Words.Length];
        foreach (var (weight, vector) in weighted)
        {
            for (int d = 0; d < sum.Length; d++)
            {
                sum[d] += weight * vector[d];
            }
        }

        double norm = Math.Sqrt(sum.Sum(x => x * x));
        double scale = weighted.Sum(w => Math.Abs(w.Weight));
        return norm < 1e-6 * scale ? (true, null)
            : norm < 1e-2 * scale ? (false, null)
            : (false, [.. sum.Select(x => (float)(x / norm))]);
    }
}
