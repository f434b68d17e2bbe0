using Itm.Search.Queries;
using Itm.Server.Problems;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>
/// Stopping while requests run: the index is closed only after the last request in flight has finished with it, and a
/// request that comes later is refused with 503 instead of reaching a closed index. Nothing crashes either way.
/// </summary>
[Collection("Sequential")]
public sealed class IndexDisposalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ServedIndex served;

    public IndexDisposalTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task A_request_in_flight_finishes_on_the_open_index_and_the_last_one_out_closes_it()
    {
        var queries = new IndexQueries(QueryService.Open(served.Folder.Db, served.Options.ToQueryOptions()));
        var inside = new TaskCompletionSource<QueryService>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var running = Task.Factory.StartNew(() => queries.Run(service =>
        {
            inside.SetResult(service);
            release.Wait();
            return service.Search("a red square", 3);
        }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var service = await inside.Task.WaitAsync(Patience);

        queries.Dispose();
        var refused = Assert.Throws<ApiProblem>(() => queries.Run(s => s.ImageCount));
        release.Set();

        Assert.Equal(503, refused.Status);
        Assert.Equal(3, (await running.WaitAsync(Patience)).Count);
        // The request was the last user: the service closed when it finished.
        Assert.Throws<ObjectDisposedException>(() => service.ImageCount);
    }

    [Fact]
    public async Task Disposing_under_a_stream_of_concurrent_requests_only_ever_refuses_them()
    {
        var queries = new IndexQueries(QueryService.Open(served.Folder.Db, served.Options.ToQueryOptions() with { Readers = 3 }));
        // A file outside the indexed folder: similar-to has to run the image channel on it.
        string outside = Path.Combine(served.Folder.Root, "outside-the-index.png");
        File.Copy(served.Folder.Image("shapes/blue-square.png"), outside, overwrite: true);
        int answered = 0;
        using var started = new CountdownEvent(8);
        var workers = Enumerable.Range(0, 8).Select(w => Task.Factory.StartNew(() =>
        {
            started.Signal();
            while (true)
            {
                try
                {
                    // Text, index and image-channel work, so every shared part is in use when the index closes.
                    queries.Run(service => w % 2 == 0
                        ? service.Search(QueryExpression.Parse("a red square -circle"), 4).Count
                        : service.Similar(ImageReference.File(outside), 3).Count);
                    Interlocked.Increment(ref answered);
                }
                catch (ApiProblem refusal) when (refusal.Status == 503)
                {
                    return;
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        started.Wait(Patience);
        while (Volatile.Read(ref answered) < 16)
        {
            await Task.Delay(5);
        }

        queries.Dispose();

        // Any other exception (a closed reader, a disposed model) would fault a worker here.
        await Task.WhenAll(workers).WaitAsync(Patience);
    }
}
