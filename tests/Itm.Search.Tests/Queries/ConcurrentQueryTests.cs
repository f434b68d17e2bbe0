using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>
/// One <see cref="QueryService"/> shared by many threads answers each query exactly as a service answering one query at
/// a time does: readers are not shared between queries running together, and the model is loaded once. With the text
/// batcher the sentence vectors come from batches, so scores match up to float rounding and the rankings exactly.
/// </summary>
[Collection("Sequential")]
public sealed class ConcurrentQueryTests : IClassFixture<IndexedFolder>
{
    private const int Calls = 64;
    private readonly IndexedFolder folder;

    public ConcurrentQueryTests(IndexedFolder folder)
    {
        this.folder = folder;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sixty_four_concurrent_queries_answer_what_the_same_queries_answer_one_at_a_time(bool batched)
    {
        string[] queries = ["a red square", "a green circle", "a blue square", "a yellow circle", "a black stripe", "red -square", "2:circle +blue", "a red circle on white"];
        List<Answer> alone;
        long firstId;
        using (var serial = QueryService.Open(folder.Db, new QueryOptions { CacheDir = folder.Cache }))
        {
            firstId = serial.Search("a red square", 1)[0].Id;
            alone = Enumerable.Range(0, Calls).Select(i => Ask(serial, queries, firstId, i)).ToList();
        }

        var options = new QueryOptions
        {
            CacheDir = folder.Cache,
            Readers = 4,
            TextBatch = batched ? new TextBatchOptions { Window = TimeSpan.FromMilliseconds(5) } : null,
        };
        using var shared = QueryService.Open(folder.Db, options);
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, Calls)
            .Select(i => Task.Factory.StartNew(() => { start.Wait(); return Ask(shared, queries, firstId, i); }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();
        start.Set();
        var together = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(2));

        for (int i = 0; i < Calls; i++)
        {
            Assert.Equal(alone[i].Ids, together[i].Ids);
            if (batched && alone[i].FromText)
            {
                Assert.Equal(alone[i].Scores.Count, together[i].Scores.Count);
                Assert.All(alone[i].Scores.Zip(together[i].Scores), pair => Assert.Equal(pair.First, pair.Second, 1e-5f));
            }
            else
            {
                Assert.Equal(alone[i].Scores, together[i].Scores);
            }
        }

        if (batched)
        {
            // Repeats are answered by the sentence cache, so at most one run per distinct sentence; fewer when they met.
            Assert.InRange(shared.TextBatches!.Value, 1, queries.Length + 2);
        }
    }

    /// <summary>Query <paramref name="i"/> of a mix: sentences and algebra, similar images and captions by id.</summary>
    private static Answer Ask(QueryService service, string[] queries, long id, int i) => (i % 4) switch
    {
        3 => Of(service.Similar(ImageReference.Indexed(id), 5).Select(m => (m.Id, m.Score)), fromText: false),
        2 => Of(service.Annotate(ImageReference.Indexed(id), 4).Select(m => (m.Id, m.Score)), fromText: false),
        _ => Of(service.Search(QueryExpression.Parse(queries[i % queries.Length]), 6).Select(m => (m.Id, m.Score)), fromText: true),
    };

    private static Answer Of(IEnumerable<(long Id, float Score)> hits, bool fromText)
    {
        var list = hits.ToList();
        return new Answer(list.Select(h => h.Id).ToList(), list.Select(h => h.Score).ToList(), fromText);
    }

    private sealed record Answer(IReadOnlyList<long> Ids, IReadOnlyList<float> Scores, bool FromText);
}
