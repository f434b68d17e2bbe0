using System.Numerics.Tensors;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>
/// A query expression on the tiny indexed folder: its vector is the normalised weighted sum of what the model gives
/// each term, computed the plain way; a query without operators searches exactly as the sentence does.
/// </summary>
[Collection("Sequential")]
public sealed class QueryExpressionSearchTests : IClassFixture<IndexedFolder>
{
    private const float Tolerance = 1e-5f;
    private readonly IndexedFolder folder;

    public QueryExpressionSearchTests(IndexedFolder folder)
    {
        this.folder = folder;
    }

    private QueryService Open() => QueryService.Open(folder.Db, new QueryOptions { CacheDir = folder.Cache });

    [Theory]
    [InlineData("a red square")]
    [InlineData("  a green   circle ")]
    public void A_query_without_operators_gives_exactly_the_sentence_search_results(string sentence)
    {
        using var service = Open();
        int all = folder.ReadableImages.Count;

        var plain = service.Search(sentence.Trim(), all);
        var parsed = service.Search(QueryExpression.Parse(sentence), all);

        Assert.Equal(plain, parsed);
    }

    [Fact]
    public void A_mixed_query_is_the_normalised_weighted_sum_of_its_terms()
    {
        string greenCircle = Path.Combine(folder.Images, "shapes/green-circle.png");
        var query = QueryExpression.Parse("a red square -0.5:circle +2:\"a yellow circle\"", ImageReference.File(greenCircle), 0.7);
        using var oracle = new ModelOracle(folder.ModelDir, folder.Cache);
        var expected = new float[oracle.Dim];
        foreach (var (vector, weight) in new[]
        {
            (oracle.Sentence("a red square"), 1f), (oracle.Sentence("circle"), -0.5f),
            (oracle.Sentence("a yellow circle"), 2f), (oracle.Image(greenCircle), 0.7f),
        })
        {
            for (int d = 0; d < expected.Length; d++)
            {
                expected[d] += weight * vector[d];
            }
        }

        float norm = MathF.Sqrt(expected.Sum(x => x * x));
        expected = [.. expected.Select(x => x / norm)];
        using var service = Open();

        var actual = service.Embed(query);
        var matches = service.Search(query, folder.ReadableImages.Count);

        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, Tolerance));
        var ranked = oracle.Rank(expected, folder.ReadableImages
            .Where(p => p != "shapes/green-circle.png")
            .Select(p => (p, oracle.Image(Path.Combine(folder.Images, p)))));
        Assert.Equal(ranked.Count, matches.Count);
        var scoreOf = ranked.ToDictionary(r => r.Item, r => r.Score);
        Assert.All(matches, m => Assert.Equal(scoreOf[m.RelativePath], m.Score, 1e-4f));
        Assert.All(matches.Zip(ranked), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-4f));
    }

    [Fact]
    public void A_query_image_is_left_out_of_its_results()
    {
        using var service = Open();
        long id = service.Search("a red square", folder.ReadableImages.Count).First(m => m.RelativePath == TinyImages.Original).Id;

        var matches = service.Search(QueryExpression.Parse("a red square", ImageReference.Indexed(id)), folder.ReadableImages.Count);

        Assert.Equal(folder.ReadableImages.Count - 1, matches.Count);
        Assert.DoesNotContain(matches, m => m.Id == id);
        Assert.Equal(1f, TensorPrimitives.Norm(service.Embed(QueryExpression.Parse("a red square", ImageReference.Indexed(id)))), Tolerance);
    }

    [Fact]
    public void Terms_that_cancel_out_are_refused_naming_the_negative_one()
    {
        using var service = Open();

        var error = Assert.Throws<QueryExpressionException>(() => service.Search(QueryExpression.Parse("a red square -\"a red square\""), 3));

        Assert.Equal("-\"a red square\"", error.Token);
        Assert.Equal(14, error.Position);
        Assert.Contains("cancels out", error.Message);
    }
}
