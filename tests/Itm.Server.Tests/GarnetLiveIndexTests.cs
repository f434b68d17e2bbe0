using System.Net;
using System.Net.Http.Json;
using Itm.Index.Garnet;
using Itm.Index.Indexing;
using Itm.Search;
using Itm.Search.Tests.Fixtures;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;
using SkiaSharp;

namespace Itm.Server.Tests;

/// <summary>
/// The live index over a folder bound to Garnet: a run that adds images updates the Garnet copy and the server answers
/// from it without a restart, every search succeeding meanwhile; a run that compacts pushes the copy whole into new keys
/// and the server answers from those.
/// </summary>
[Collection("Sequential")]
public sealed class GarnetLiveIndexTests : IDisposable
{
    private readonly IndexedFolder folder = new();
    private readonly LocalGarnet garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 1, Port = 0 });

    public void Dispose()
    {
        garnet.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task Runs_on_a_garnet_bound_index_are_served_without_a_restart()
    {
        Index(new IndexerOptions { BatchSize = 4, Backend = IndexBackend.Garnet, Mirror = Mirror() });
        using var factory = new ItmServerFactory(new ServerOptions
        {
            IndexDir = folder.Db,
            CacheDir = folder.Cache,
            Readers = 2,
            Limits = new ServerLimits { RateLimit = 0, ExpensiveRateLimit = 0 },
            Live = LiveServing.Fast,
        });
        using var client = factory.CreateClient();
        Assert.Equal("garnet", (await client.GetFromJsonAsync<StatsResponse>("/api/stats"))!.Search);
        long generation = (await LiveServing.Health(client)).Generation;

        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int answered = 0;
        var searcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.GetAsync("/api/search?q=a%20red%20square&k=50");
                Interlocked.Increment(ref answered);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        });
        Directory.CreateDirectory(folder.Image("added"));
        File.WriteAllBytes(folder.Image("added/purple-square.png"), TinyImages.Draw(SKColors.Purple, circle: false));
        Index(new IndexerOptions { BatchSize = 4, Mirror = Mirror(), CompactWhenDeadFraction = 1 });
        await LiveServing.Served(client, generation + 1);
        await stop.CancelAsync();
        await searcher.WaitAsync(LiveServing.Patience);

        Assert.True(answered > 0);
        Assert.True(failures.IsEmpty, $"{failures.Count} of {answered} searches failed: {string.Join(" | ", failures.Distinct().Take(3))}");
        var found = (await client.GetFromJsonAsync<ImagesResponse>("/api/search?q=a%20red%20square&k=50"))!.Results;
        Assert.Contains(found, result => result.Path == "added/purple-square.png");

        File.Delete(folder.Image("added/purple-square.png"));
        File.Delete(folder.Image("shapes/green-circle.png"));
        Assert.Equal(2, Index(new IndexerOptions { BatchSize = 4, Mirror = Mirror(), CompactWhenDeadFraction = 0 }).CompactedRows);
        await LiveServing.Served(client, generation + 2);
        found = (await client.GetFromJsonAsync<ImagesResponse>("/api/search?q=a%20red%20square&k=50"))!.Results;
        Assert.Equal(folder.ReadableImages.Count - 1, found.Count);
        Assert.DoesNotContain(found, result => result.Path is "added/purple-square.png" or "shapes/green-circle.png");
    }

    private GarnetIndexMirror Mirror() => new(new GarnetOptions { Endpoints = garnet.Endpoints });

    private IndexRunReport Index(IndexerOptions indexer) => IndexJob.Run(folder.Options() with { Indexer = indexer });
}
