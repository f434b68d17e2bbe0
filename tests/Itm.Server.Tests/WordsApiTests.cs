using System.Net.Http.Json;
using Itm.Search;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>
/// On an index with words read inside its images (<c>itm index --ocr</c>), <c>/api/search</c> ranks by the combined
/// score and names the words found in each result; a result without any keeps the answer's older shape.
/// </summary>
[Collection("Sequential")]
public sealed class WordsApiTests : IDisposable
{
    private const string Bakery = "shapes/green-circle.png";
    private readonly IndexedFolder folder = new();

    public WordsApiTests()
    {
        IndexJob.Run(folder.Options() with
        {
            Indexer = folder.Options().Indexer with { ImageText = new FixedWords(Bakery, ["fresh", "bread"]) },
        });
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Each_result_names_the_query_words_found_in_it_and_its_cosine()
    {
        using var factory = new ItmServerFactory(new ServerOptions
        {
            IndexDir = folder.Db,
            CacheDir = folder.Cache,
            Limits = new ServerLimits { RateLimit = 0, ExpensiveRateLimit = 0 },
        });
        using var client = factory.CreateClient();

        var answer = await client.GetFromJsonAsync<ImagesResponse>("/api/search?q=fresh%20bread&k=20");
        var raw = await client.GetStringAsync("/api/search?q=fresh%20bread&k=20");

        var first = answer!.Results[0];
        Assert.Equal(Bakery, first.Path);
        Assert.Equal(["fresh", "bread"], first.Words);
        Assert.Equal(first.Cosine!.Value + new WordMatchOptions().Weight, first.Score, 5);
        Assert.All(answer.Results.Skip(1), r => Assert.Null(r.Words));
        Assert.Equal(1, raw.Split("\"words\"").Length - 1); // absent, not null, on the others
    }
}
