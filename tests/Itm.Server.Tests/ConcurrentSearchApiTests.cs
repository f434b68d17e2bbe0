using System.Net.Http.Json;
using Itm.Search.Queries;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Itm.Server.Tests;

/// <summary>
/// Requests run side by side, not one behind the other: 64 searches sent at once answer exactly what the same searches
/// answer sent one at a time to a fresh server. Batching their sentences for the text encoder changes scores by float
/// rounding at most, and the rankings not at all.
/// </summary>
[Collection("Sequential")]
public sealed class ConcurrentSearchApiTests
{
    private const int Requests = 64;
    private static readonly string[] Queries = ["a red square", "a green circle", "a blue square", "a yellow circle", "a black stripe", "red -square", "2:circle +blue", "square"];
    private readonly ServedIndex served;

    public ConcurrentSearchApiTests(ServedIndex served)
    {
        this.served = served;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sixty_four_concurrent_searches_answer_what_they_answer_one_at_a_time(bool batched)
    {
        var urls = Enumerable.Range(0, Requests).Select(i => $"/api/search?q={Uri.EscapeDataString(Queries[i % Queries.Length])}&k=6").ToList();
        var alone = new List<ImagesResponse>();
        using (var serial = new ItmServerFactory(served.Options))
        {
            using var client = serial.CreateClient();
            foreach (string url in urls)
            {
                alone.Add((await client.GetFromJsonAsync<ImagesResponse>(url))!);
            }
        }

        // Unbatched: every sentence runs the encoder alone, as it did one at a time, so the scores are bit for bit the same.
        var options = served.Options with
        {
            Readers = 4,
            TextBatch = batched ? new TextBatchOptions { Window = TimeSpan.FromMilliseconds(5) } : new TextBatchOptions { Window = TimeSpan.Zero, MaxBatch = 1 },
        };
        using var concurrent = new ItmServerFactory(options);
        using var shared = concurrent.CreateClient();
        var together = await Task.WhenAll(urls.Select(url => shared.GetFromJsonAsync<ImagesResponse>(url))).WaitAsync(TimeSpan.FromMinutes(2));

        for (int i = 0; i < Requests; i++)
        {
            Assert.Equal(alone[i].Results.Select(r => r.Id), together[i]!.Results.Select(r => r.Id));
            if (batched)
            {
                Assert.All(alone[i].Results.Zip(together[i]!.Results), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 1e-5f));
            }
            else
            {
                Assert.Equal(alone[i].Results.Select(r => r.Score), together[i]!.Results.Select(r => r.Score));
            }
        }

        var batches = concurrent.Services.GetRequiredService<IndexQueries>().Run(service => service.TextBatches);
        Assert.InRange(batches!.Value, 1, Requests);
    }
}
