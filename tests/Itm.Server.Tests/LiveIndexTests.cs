using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;
using Itm.Search;
using Itm.Search.Tests.Fixtures;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;
using SkiaSharp;

namespace Itm.Server.Tests;

/// <summary>
/// The live index: a running server answers from each finished <c>itm index</c> run without a restart. Searches keep
/// coming while runs add images, delete some and compact the vector file: none fails, each answer names the generation
/// that served it and holds only images of that generation, and the added images are found once their run is served.
/// A new generation that can't be opened leaves the old one answering until it can.
/// </summary>
[Collection("Sequential")]
public sealed class LiveIndexTests : IDisposable
{
    private readonly IndexedFolder folder = new();
    private readonly ServerOptions options;

    public LiveIndexTests()
    {
        options = new ServerOptions
        {
            IndexDir = folder.Db,
            CacheDir = folder.Cache,
            Readers = 2,
            Limits = new ServerLimits { RateLimit = 0, ExpensiveRateLimit = 0 },
            Live = LiveServing.Fast,
        };
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Runs_that_add_delete_and_compact_are_served_without_a_restart_and_no_request_fails()
    {
        using var factory = new ItmServerFactory(options);
        using var client = factory.CreateClient();
        var catalogs = new Dictionary<long, IReadOnlyDictionary<long, string>> { [1] = Catalog() };
        Assert.Equal(1, (await LiveServing.Health(client)).Generation);

        var answers = new ConcurrentQueue<(HttpStatusCode Status, long Generation, long[] Ids)>();
        using var stop = new CancellationTokenSource();
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.GetAsync("/api/search?q=a%20red%20square&k=50");
                var body = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ImagesResponse>() : null;
                long generation = long.Parse(response.Headers.GetValues(IndexQueries.GenerationHeader).Single(), System.Globalization.CultureInfo.InvariantCulture);
                answers.Enqueue((response.StatusCode, generation, body?.Results.Select(r => r.Id).ToArray() ?? []));
            }
        })).ToList();

        // Added: two new images.
        Directory.CreateDirectory(folder.Image("added"));
        File.WriteAllBytes(folder.Image("added/purple-square.png"), TinyImages.Draw(SKColors.Purple, circle: false));
        File.WriteAllBytes(folder.Image("added/orange-circle.png"), TinyImages.Draw(SKColors.Orange, circle: true));
        Assert.Equal(2, Index().New);
        catalogs[2] = await Served(client, 2);
        var added = catalogs[2].Where(image => image.Value.StartsWith("added/", StringComparison.Ordinal)).Select(image => image.Key).ToList();
        var found = (await client.GetFromJsonAsync<ImagesResponse>("/api/search?q=a%20red%20square&k=50"))!.Results.Select(r => r.Id);
        Assert.Equal(2, added.Intersect(found).Count());

        // Deleted: four images, their vectors left dead in the file.
        foreach (string path in new[] { "more/red-square-small.png", "more/green-circle-small.png", "more/blue-square-small.png", "more/yellow-circle-small.png" })
        {
            File.Delete(folder.Image(path));
        }

        Assert.Equal(4, Index(new IndexerOptions { BatchSize = 4, CompactWhenDeadFraction = 1 }).Deleted);
        catalogs[3] = await Served(client, 3);

        // Compacted: the vector file the first generations map is rewritten and deleted.
        long before = catalogs[3].Count;
        Assert.Equal(4, Index(new IndexerOptions { BatchSize = 4, CompactWhenDeadFraction = 0 }).CompactedRows);
        catalogs[4] = await Served(client, 4);
        Assert.Equal(before, catalogs[4].Count);

        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(searchers).WaitAsync(LiveServing.Patience);

        Assert.NotEmpty(answers);
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.All(answers, answer => Assert.Subset(catalogs[answer.Generation].Keys.ToHashSet(), answer.Ids.ToHashSet()));
        Assert.Contains(answers, answer => answer.Generation == 1);
        Assert.Contains(answers, answer => answer.Generation == 4);
    }

    [Fact]
    public async Task A_generation_that_cannot_be_opened_leaves_the_old_one_answering_until_it_can()
    {
        using var factory = new ItmServerFactory(options);
        using var client = factory.CreateClient();
        Assert.Equal(1, (await LiveServing.Health(client)).Generation);

        // The next generation names a vector file that is not there (moved away; the served snapshot keeps its mapping).
        var state = CatalogState();
        string vectors = IndexFiles.Vectors(folder.Db, VectorCollection.Images, state.Images.Generation);
        string aside = vectors + ".aside";
        File.Move(vectors, aside);
        WriteFinishedRuns(state.FinishedRuns + 1);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var health = await LiveServing.Health(client);
        using var search = await client.GetAsync("/api/search?q=a%20red%20square&k=5");
        Assert.Equal(1, health.Generation);
        Assert.Equal(folder.ReadableImages.Count, health.Images);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);

        // Repaired: the next poll opens it.
        File.Move(aside, vectors);
        await Served(client, 2);
    }

    private IndexRunReport Index(IndexerOptions? indexer = null) =>
        IndexJob.Run(folder.Options() with { Indexer = indexer ?? folder.Options().Indexer });

    /// <summary>Waits until the server answers from <paramref name="generation"/>; returns that generation's images by id.</summary>
    private async Task<IReadOnlyDictionary<long, string>> Served(HttpClient client, long generation)
    {
        await LiveServing.Served(client, generation);
        return Catalog();
    }

    /// <summary>The readable images of the index as it is now, by id.</summary>
    private IReadOnlyDictionary<long, string> Catalog()
    {
        using var reader = IndexReader.Open(folder.Db);
        return reader.Images().Where(image => image.IsReadable).ToDictionary(image => image.Id, image => image.Path);
    }

    private CatalogState CatalogState()
    {
        using var reader = IndexReader.Open(folder.Db);
        return reader.State;
    }

    private void WriteFinishedRuns(long runs)
    {
        using var catalog = IndexCatalog.Open(IndexFiles.Catalog(folder.Db), readOnly: false);
        var state = catalog.ReadState() with { FinishedRuns = runs };
        using var transaction = catalog.BeginTransaction();
        catalog.WriteState(transaction, state);
        transaction.Commit();
    }
}
