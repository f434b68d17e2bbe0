using System.Net;
using System.Net.Http.Json;
using Itm.Index.Garnet;
using Itm.Index.Indexing;
using Itm.Search;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>
/// The server over an index bound to a 3-node Garnet cluster: the same answers as the embedded index, and a stopped
/// node is a 503 problem that names it, never a shorter list.
/// </summary>
[Collection("Sequential")]
public sealed class GarnetBackendApiTests : IDisposable
{
    private readonly IndexedFolder folder = new();
    private readonly LocalGarnet garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });

    public void Dispose()
    {
        garnet.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task Searches_answer_as_the_embedded_index_until_a_node_stops_then_503_names_it()
    {
        IReadOnlyList<ImageMatch> embedded;
        using (var queries = QueryService.Open(folder.Db, new QueryOptions { CacheDir = folder.Cache }))
        {
            embedded = queries.Search("a red square", 5);
        }

        IndexJob.Run(folder.Options() with
        {
            Indexer = new IndexerOptions { Backend = IndexBackend.Garnet, Mirror = new GarnetIndexMirror(new GarnetOptions { Endpoints = garnet.Endpoints }) },
        });
        using var factory = new ItmServerFactory(new ServerOptions
        {
            IndexDir = folder.Db,
            CacheDir = folder.Cache,
            Limits = new ServerLimits { RateLimit = 0, ExpensiveRateLimit = 0 },
            Garnet = new GarnetOptions { QueryTimeout = TimeSpan.FromSeconds(1) },
            // One reader, so the search after the stop runs on the connection made while every node was up: each reader
            // connects on first use, and one that first connects after a node stopped learns the cluster only from the
            // nodes still up, so its error may not name the stopped one.
            Readers = 1,
        });
        var client = factory.CreateClient();

        var stats = await client.GetFromJsonAsync<StatsResponse>("/api/stats");
        var answer = await client.GetFromJsonAsync<ImagesResponse>("/api/search?q=a%20red%20square&k=5");

        Assert.Equal("garnet", stats!.Search);
        Assert.Equal(embedded.Select(m => m.Id), answer!.Results.Select(r => r.Id));
        Assert.All(answer.Results.Zip(embedded), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-5f));

        garnet.StopNode(2);
        var failed = await client.GetAsync("/api/search?q=a%20blue%20circle&k=5");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains(garnet.Endpoints[2], await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
