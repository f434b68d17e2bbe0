using Itm.Data.Images.Ocr;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>
/// The combined score of a search on an index with words read inside its images: cosine + weight × the share of
/// query words found, checked against scores worked out by hand from the cosines alone.
/// </summary>
[Collection("Sequential")]
public sealed class WordMatchSearchTests : IDisposable
{
    // The image that "shows" the word: green-circle is far from "a red square" by its picture.
    private const string Bakery = "shapes/green-circle.png";
    private readonly IndexedFolder folder = new();

    public WordMatchSearchTests()
    {
        // The index read again with words: only the bakery image has any.
        IndexJob.Run(folder.Options() with
        {
            Indexer = folder.Options().Indexer with { ImageText = new FixedWords(Bakery, ["fresh", "bread"]) },
        });
    }

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("bread", 1, 1)]                      // 1 of 1 query words found: + the weight
    [InlineData("a red square of fresh bread", 2, 4)] // red, square, fresh, bread ("a", "of" are not looked for): 2 of 4, + half the weight
    [InlineData("a red square", 0, 2)]               // none found: the cosine alone
    public void The_score_is_the_cosine_plus_the_weighted_share_of_query_words_found(string query, int found, int words)
    {
        using var cosineOnly = QueryService.Open(folder.Db, new QueryOptions { CacheDir = folder.Cache, Words = new WordMatchOptions { Weight = 0 } });
        using var service = QueryService.Open(folder.Db, new QueryOptions { CacheDir = folder.Cache });
        var cosines = cosineOnly.Search(query, 100).ToDictionary(m => m.RelativePath, m => m.Score);

        var results = service.Search(query, 100);

        float expected = cosines[Bakery] + (new WordMatchOptions().Weight * found / words);
        var bakery = results.Single(m => m.RelativePath == Bakery);
        Assert.Equal(expected, bakery.Score, 5);
        Assert.Equal(found, bakery.Words.Count);
        Assert.Equal(found == 0 ? null : cosines[Bakery], bakery.Cosine);
        Assert.All(results.Where(m => m.RelativePath != Bakery), m => Assert.Equal(cosines[m.RelativePath], m.Score, 5));
        Assert.Equal(results.OrderByDescending(m => m.Score).Select(m => m.RelativePath), results.Select(m => m.RelativePath));
    }

    [Fact]
    public void An_image_found_by_its_words_is_ranked_even_when_its_cosine_is_outside_the_top_k()
    {
        using var service = QueryService.Open(folder.Db, new QueryOptions { CacheDir = folder.Cache, Words = new WordMatchOptions { Weight = 5 } });

        var first = service.Search("bread", 1).Single();

        Assert.Equal(Bakery, first.RelativePath);
        Assert.Equal(["bread"], first.Words);
    }

    [Fact]
    public void Word_arithmetic_by_hand()
    {
        var options = new WordMatchOptions();
        var words = WordMatch.QueryWords("The Fresh bread, of THE bakery!", options);

        Assert.Equal(["fresh", "bread", "bakery"], words);
        Assert.Equal(["bread", "bakery"], WordMatch.Found(words, ["bakery", "open", "bread"]));
        Assert.Equal(0.5f + (0.3f * 2 / 3), WordMatch.Score(0.5f, 2, 3, 0.3f), 6);
        Assert.Equal(0.5f, WordMatch.Score(0.5f, 0, 0, 0.3f));
    }

    /// <summary>Gives one image the words, every other none.</summary>
    private sealed class FixedWords(string relativePath, IReadOnlyList<string> words) : IImageTextReader
    {
        public IReadOnlyList<IReadOnlyList<string>> Read(IReadOnlyList<string> paths, CancellationToken cancellation) =>
            [.. paths.Select(path => path.EndsWith(relativePath, StringComparison.Ordinal) ? words : (IReadOnlyList<string>)[])];
    }
}
