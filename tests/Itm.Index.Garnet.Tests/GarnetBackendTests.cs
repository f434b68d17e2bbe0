using System.Diagnostics;
using System.Text;
using Itm.Index.Captions;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;
using Itm.Index.Vectors;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Itm.Index.Garnet.Tests;

/// <summary>
/// An index bound to real Garnet nodes (in this process): the same answers as an exact scan of the folder, every kind
/// of change carried over, a stopped node named in an error, and a restart that keeps every vector.
/// </summary>
[Collection("Garnet nodes")]
public sealed class GarnetBackendTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;
    private readonly string db;
    private readonly ITestOutputHelper output;

    public GarnetBackendTests(ITestOutputHelper output)
    {
        this.output = output;
        images = new ImageFolder(temp.PathOf("images"));
        db = temp.PathOf("db");
    }

    /// <summary>The Garnet backend with the nodes a folder recorded, as the CLI and the server wire it in.</summary>
    private static readonly GarnetIndexMirror Mirror = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_single_node_answers_what_an_exact_scan_of_the_folder_answers()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        images.WriteMany(300);
        string captions = temp.Write("captions.txt", string.Join('\n', Enumerable.Range(0, 200).Select(i => $"caption number {i}")));

        var report = TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet), CaptionCorpus.Read(captions));

        Assert.Equal(VectorIndexKind.Garnet, report.ImageSearch);
        using var reader = IndexReader.Open(db, mirror: Mirror);
        Assert.Equal(VectorIndexKind.Garnet, reader.ImageSearchKind);
        Assert.True(Recall(reader) >= 0.95);
        var query = Query(7);
        var exactCaptions = reader.Captions().OrderByDescending(c => Dot(reader.VectorOf(c), query)).Take(10).Select(c => c.Text);
        Assert.Equal(exactCaptions, reader.SearchCaptions(query, 10).Select(hit => hit.Caption.Text));
    }

    [Fact]
    public void A_batch_of_queries_answers_as_the_same_queries_one_at_a_time()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });
        images.WriteMany(150);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        var keys = Keys(VectorCollection.Images);
        using var store = GarnetStore.Connect(garnet.Endpoints, new GarnetOptions());
        using var catalog = IndexCatalog.Open(IndexFiles.Catalog(db), readOnly: true);
        var state = catalog.ReadState().Images;
        using var rows = VectorRows.MapCommitted(IndexFiles.Vectors(db, VectorCollection.Images, state.Generation), state.Rows, FakeEmbedder.Dimension);
        using var index = new GarnetVectorIndex(store, keys, [.. keys.Select(store.Count)], [.. keys.Select(store.Writes)], RowFilter.All(150), rows);
        float[] queries = [.. Enumerable.Range(0, 6).SelectMany(Query)];

        var batch = index.SearchBatch(queries, 10);

        Assert.Equal(6, batch.Count);
        Assert.All(Enumerable.Range(0, 6), q => Assert.Equal(index.Search(Query(q), 10), batch[q]));
        Assert.All(batch, hits => Assert.Equal(10, hits.Count));
    }

    [Fact]
    public void Added_changed_and_deleted_images_reach_garnet_and_a_compaction_moves_to_new_keys()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        images.WriteMany(200);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        var keysBefore = Keys(VectorCollection.Images);

        images.Write("a/img000.png", "img 0, edited");
        images.Write("new/fresh.png", "fresh");
        File.Delete(Path.Combine(images.Root, "b/img001.png"));
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));

        using (var reader = IndexReader.Open(db, mirror: Mirror))
        {
            Assert.Equal(keysBefore, Keys(VectorCollection.Images)); // an update, not a new copy
            Assert.Equal(200, HeldBy(garnet, keysBefore));
            Assert.Equal("new/fresh.png", reader.SearchImages(FakeEmbedder.VectorOf(Encoding.UTF8.GetBytes("fresh")), 1)[0].Image.Path);
            Assert.True(Recall(reader) >= 0.95);
        }

        // Deleting over a quarter of the images compacts the vector file: rows are renumbered, so the copy is pushed whole.
        foreach (string path in Directory.GetFiles(Path.Combine(images.Root, "c")))
        {
            File.Delete(path);
        }

        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        var keysAfter = Keys(VectorCollection.Images);
        Assert.NotEqual(keysBefore, keysAfter);
        Assert.Equal(0, HeldBy(garnet, keysBefore));
        using var compacted = IndexReader.Open(db, mirror: Mirror);
        Assert.Equal(compacted.ImageCount, HeldBy(garnet, keysAfter));
        Assert.DoesNotContain(compacted.SearchImages(Query(3), 50), hit => hit.Image.Path.StartsWith("c/", StringComparison.Ordinal));
        Assert.True(Recall(compacted) >= 0.95);
    }

    [Fact]
    public void A_three_node_cluster_holds_one_shard_per_node_and_answers_like_the_exact_scan()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });
        images.WriteMany(400);

        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));

        var keys = Keys(VectorCollection.Images);
        Assert.Equal(3, keys.Count);
        using (var store = GarnetStore.Connect(garnet.Endpoints, new GarnetOptions()))
        {
            Assert.Equal(3, keys.Select(store.NodeOf).Distinct().Count());
            Assert.All(keys, key => Assert.InRange(store.Count(key), 100, 170));
        }

        using var reader = IndexReader.Open(db, mirror: Mirror);
        double recall = Recall(reader);
        output.WriteLine($"recall@10 over 3 nodes: {recall:F3}");
        Assert.True(recall >= 0.95);
    }

    [Fact]
    public void Another_shard_count_moves_the_copy_to_new_keys_and_deletes_the_old_ones()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });
        images.WriteMany(120);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        var three = Keys(VectorCollection.Images);
        var embedder = new FakeEmbedder();

        TestIndex.Run(db, images.Root, embedder, Bound(garnet) with { Mirror = new GarnetIndexMirror(new GarnetOptions { Endpoints = garnet.Endpoints, Shards = 6 }) });

        var six = Keys(VectorCollection.Images);
        Assert.Equal(0, embedder.ImagesEmbedded);
        Assert.Equal((3, 6), (three.Count, six.Count));
        Assert.Empty(three.Intersect(six));
        Assert.Equal(0, HeldBy(garnet, three));
        Assert.Equal(120, HeldBy(garnet, six));
        using var reader = IndexReader.Open(db, mirror: Mirror);
        Assert.True(Recall(reader) >= 0.95);
    }

    [Fact]
    public void A_node_stopped_mid_query_fails_the_query_with_an_error_that_names_it()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });
        images.WriteMany(90);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        using var reader = IndexReader.Open(db, mirror: new GarnetIndexMirror(new GarnetOptions { QueryTimeout = TimeSpan.FromSeconds(1) }));
        Assert.Equal(10, reader.SearchImages(Query(1), 10).Count);

        garnet.StopNode(1);
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<IndexFolderException>(() => reader.SearchImages(Query(2), 10));

        output.WriteLine($"{clock.ElapsedMilliseconds} ms: {error.Message}");
        Assert.Equal(IndexProblem.BackendUnavailable, error.Problem);
        Assert.Contains(garnet.Endpoints[1], error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));

        // Memory only: the node comes back empty. Its shard's images must not be left out: the snapshot's own vectors
        // answer, exactly, and the reader says it no longer searches Garnet.
        garnet.StartNode(1);
        var answer = WaitForAnswer(() => reader.SearchImages(Query(2), 10));
        using (var folder = IndexReader.Open(db))
        {
            Assert.Equal(Paths(folder.SearchImages(Query(2), 10)), Paths(answer));
            Assert.Equal(Paths(folder.SearchImages(Query(3), 10)), Paths(reader.SearchImages(Query(3), 10)));
        }

        Assert.Equal(VectorIndexKind.Exact, reader.ImageSearchKind);

        // The next index run notices the missing vectors and pushes them again; nothing is re-embedded.
        var embedder = new FakeEmbedder();
        TestIndex.Run(db, images.Root, embedder, new IndexerOptions { Mirror = Mirror });
        Assert.Equal(0, embedder.ImagesEmbedded);
        using var reopened = IndexReader.Open(db, mirror: Mirror);
        Assert.True(Recall(reopened) >= 0.95);
    }

    [Fact]
    public void A_node_already_down_when_the_reader_connects_is_the_one_named()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });
        images.WriteMany(90);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        garnet.StopNode(1);

        // A new process's view: its client has never reached node 1, and routes that node's slots to another.
        using var reader = IndexReader.Open(db, mirror: new GarnetIndexMirror(new GarnetOptions { QueryTimeout = TimeSpan.FromSeconds(1) }));
        var error = Assert.Throws<IndexFolderException>(() => reader.SearchImages(Query(1), 10));

        Assert.Contains(garnet.Endpoints[1], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(garnet.Endpoints[0], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(garnet.Endpoints[2], error.Message, StringComparison.Ordinal);
    }

    /// <summary>The first answer once the node is reachable again (the client reconnects to a restarted node within seconds).</summary>
    private static IReadOnlyList<ImageHit> WaitForAnswer(Func<IReadOnlyList<ImageHit>> query)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return query();
            }
            catch (IndexFolderException e) when (e.Problem == IndexProblem.BackendUnavailable && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(200);
            }
        }
    }

    [Fact]
    public void Restarting_from_the_checkpoint_and_append_only_file_keeps_every_vector()
    {
        string data = temp.PathOf("garnet");
        var options = new LocalGarnetOptions { Port = 0, DataDirectory = data };
        string endpoint;
        using (var garnet = LocalGarnet.Start(options))
        {
            endpoint = garnet.Endpoints[0];
            images.WriteMany(150);
            TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
            garnet.Checkpoint();
            images.WriteMany(30, "late"); // only in the append-only file
            TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        }

        int port = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        using var restarted = LocalGarnet.Start(options with { Port = port });
        using var reader = IndexReader.Open(db, mirror: Mirror);

        Assert.Equal(180, HeldBy(restarted, Keys(VectorCollection.Images)));
        Assert.Equal(VectorIndexKind.Garnet, reader.ImageSearchKind);
        Assert.True(Recall(reader) >= 0.95);
    }

    [Fact]
    public void An_index_run_leaves_a_checkpoint_that_a_restarted_node_recovers_from_without_its_append_only_file()
    {
        string data = temp.PathOf("garnet");
        var options = new LocalGarnetOptions { Port = 0, DataDirectory = data };
        string endpoint, node;
        using (var garnet = LocalGarnet.Start(options))
        {
            endpoint = garnet.Endpoints[0];
            node = garnet.NodeDirectory(0)!;
            long before = LastSave(garnet);
            Thread.Sleep(1100); // LASTSAVE counts whole seconds
            images.WriteMany(150);
            TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
            WaitUntil(() => LastSave(garnet) != before, "the checkpoint the index run asked for");
        }

        // Nothing replayed: what the restarted node holds came from the checkpoint alone.
        Directory.Delete(Path.Combine(node, "AOF"), recursive: true);
        int port = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        using var restarted = LocalGarnet.Start(options with { Port = port });

        Assert.Equal(150, HeldBy(restarted, Keys(VectorCollection.Images)));
    }

    [Fact]
    public void A_long_push_asks_for_checkpoints_while_it_runs_not_only_at_its_end()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0, DataDirectory = temp.PathOf("garnet") });
        images.WriteMany(60);
        long before = LastSave(garnet);
        Thread.Sleep(1100);
        var mirror = new GarnetIndexMirror(new GarnetOptions { Endpoints = garnet.Endpoints, InsertWindow = 10, CheckpointDuringPush = TimeSpan.FromTicks(1) });
        bool seen = false;
        // The run waits while its progress is reported: a checkpoint seen then was asked for during the push.
        var progress = new Inline<IndexEvent>(e =>
        {
            if (e is IndexStageAdvanced { Stage: IndexStage.SyncGarnet, Done: >= 30 } && !seen)
            {
                WaitUntil(() => LastSave(garnet) != before, "a checkpoint during the push");
                seen = true;
            }
        });

        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false))
        {
            new IncrementalIndexer(folder, new FakeEmbedder(), new FakeEmbedder(), new IndexerOptions { Backend = IndexBackend.Garnet, Mirror = mirror })
                .Run(null, progress);
        }

        Assert.True(seen);
        Assert.Equal(60, HeldBy(garnet, Keys(VectorCollection.Images)));
    }

    [Fact]
    public void Nodes_in_memory_only_and_runs_that_change_nothing_ask_for_no_checkpoint()
    {
        using var memoryOnly = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        long before = LastSave(memoryOnly);
        Thread.Sleep(1100);
        images.WriteMany(40);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(memoryOnly));
        Thread.Sleep(500);
        Assert.Equal(before, LastSave(memoryOnly));

        using var persistent = LocalGarnet.Start(new LocalGarnetOptions { Port = 0, DataDirectory = temp.PathOf("garnet") });
        long fresh = LastSave(persistent);
        Thread.Sleep(1100);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(persistent)); // pushes the copy to the new node
        WaitUntil(() => LastSave(persistent) != fresh, "the checkpoint after the push");
        long saved = LastSave(persistent);
        Thread.Sleep(1100);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(persistent));
        Thread.Sleep(500);
        Assert.Equal(saved, LastSave(persistent));
    }

    [Fact]
    public void A_garnet_that_lost_its_data_is_answered_from_the_folder_until_the_next_index_run_pushes_it_again()
    {
        int port;
        using (var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 }))
        {
            images.WriteMany(60);
            TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
            port = int.Parse(garnet.Endpoints[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        using var empty = LocalGarnet.Start(new LocalGarnetOptions { Port = port });
        using (var reader = IndexReader.Open(db, mirror: Mirror))
        using (var folder = IndexReader.Open(db))
        {
            Assert.Equal(Paths(folder.SearchImages(Query(1), 5)), Paths(reader.SearchImages(Query(1), 5)));
            Assert.Equal(VectorIndexKind.Exact, reader.ImageSearchKind);
            Assert.True(reader.IsMirrored);     // what `itm search` tells its user about: bound, yet the folder answered
            Assert.False(folder.IsMirrored);
        }

        var embedder = new FakeEmbedder();
        TestIndex.Run(db, images.Root, embedder, new IndexerOptions { Mirror = Mirror }); // bound already: no backend to choose
        Assert.Equal(0, embedder.ImagesEmbedded);
        using var again = IndexReader.Open(db, mirror: Mirror);
        Assert.Equal(VectorIndexKind.Garnet, again.ImageSearchKind);
        Assert.True(Recall(again) >= 0.95);
    }

    [Fact]
    public void Vectors_a_node_dropped_after_acknowledging_them_are_sent_again_before_the_copy_is_recorded()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });
        images.WriteMany(90);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        var keys = Keys(VectorCollection.Images);
        using var store = GarnetStore.Connect(garnet.Endpoints, new GarnetOptions());
        using var catalog = IndexCatalog.Open(IndexFiles.Catalog(db), readOnly: true);
        var binding = GarnetBinding.Read(catalog)!;
        var state = catalog.ReadState().Images;
        var live = catalog.LiveRows(VectorCollection.Images);
        using var rows = VectorRows.MapCommitted(IndexFiles.Vectors(db, VectorCollection.Images, state.Generation), state.Rows, FakeEmbedder.Dimension);
        // What the chaos run saw: the tail of one key's push gone, every command acknowledged.
        var dropped = live.Where(row => GarnetKeys.ShardOf(row, binding.Shards) == 1).TakeLast(7).ToList();
        foreach (long row in dropped)
        {
            store.Guard(keys[1], () => store.RemoveAsync(keys[1], row).Wait(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(23, store.Count(keys[1]));
        var notices = new List<string>();

        GarnetMirror.Repair(store, binding, keys, live, [], rows, new Inline<IndexEvent>(e => notices.Add((e as IndexNotice)?.Message ?? "")), default);

        Assert.Equal([30, 30, 30], keys.Select(store.Count));
        var notice = Assert.Single(notices, n => n.Length > 0);
        Assert.Contains($"{keys[1]} on node {store.NodeOf(keys[1])} holds 23 vectors, but was sent 30", notice, StringComparison.Ordinal);
        using var reader = IndexReader.Open(db, mirror: Mirror);
        Assert.Equal(VectorIndexKind.Garnet, reader.ImageSearchKind);
        Assert.True(Recall(reader) >= 0.95);
    }

    [Fact]
    public void Going_back_to_the_embedded_index_deletes_the_keys_and_re_embeds_nothing()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        images.WriteMany(50);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        var keys = Keys(VectorCollection.Images);
        var embedder = new FakeEmbedder();

        var report = TestIndex.Run(db, images.Root, embedder, new IndexerOptions { Backend = IndexBackend.Embedded, Mirror = Mirror });

        Assert.Equal(0, embedder.ImagesEmbedded);
        Assert.Equal(VectorIndexKind.Exact, report.ImageSearch);
        Assert.Equal(0, HeldBy(garnet, keys));
        using var reader = IndexReader.Open(db, mirror: Mirror);
        Assert.Equal(VectorIndexKind.Exact, reader.ImageSearchKind);
        Assert.Equal(1.0, Recall(reader));
    }

    [Fact]
    public void An_interrupted_run_leaves_the_copy_behind_and_readers_scan_the_folder_meanwhile()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        images.WriteMany(40);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        images.WriteMany(40, "more");
        using var cancel = new CancellationTokenSource();
        int batches = 0;
        var embedder = new FakeEmbedder { BeforeBatch = _ => { if (++batches == 2) { cancel.Cancel(); } } };

        Assert.ThrowsAny<OperationCanceledException>(() =>
            TestIndex.Run(db, images.Root, embedder, Bound(garnet) with { BatchSize = 10 }, cancellation: cancel.Token));

        using (var reader = IndexReader.Open(db, mirror: Mirror))
        {
            Assert.Equal(VectorIndexKind.Exact, reader.ImageSearchKind);
        }

        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        using var caughtUp = IndexReader.Open(db, mirror: Mirror);
        Assert.Equal(VectorIndexKind.Garnet, caughtUp.ImageSearchKind);
        Assert.Equal(80, HeldBy(garnet, Keys(VectorCollection.Images)));
    }

    [Fact]
    public void A_reader_whose_snapshot_a_later_run_moved_on_answers_from_the_folder_not_an_error()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        images.WriteMany(60);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        using var reader = IndexReader.Open(db, mirror: Mirror);
        reader.OpenFiles(); // as the server opens a snapshot; the Garnet copy is reached on the first search

        images.WriteMany(10, "more");
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        Assert.Equal(70, HeldBy(garnet, Keys(VectorCollection.Images)));

        var hits = reader.SearchImages(Query(3), 100);
        Assert.Equal(VectorIndexKind.Exact, reader.ImageSearchKind);
        Assert.Equal(60, hits.Count);
        Assert.DoesNotContain(hits, hit => hit.Image.Path.StartsWith("more", StringComparison.Ordinal));
        Assert.Equal(1.0, Recall(reader));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_reader_that_searched_garnet_answers_its_own_snapshot_exactly_while_a_later_run_changes_the_copy(bool compact)
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });
        var originals = images.WriteMany(120);
        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet));
        using var reader = IndexReader.Open(db, mirror: Mirror);
        using var folder = IndexReader.Open(db); // the same snapshot, scanned exactly from the folder's files
        folder.OpenFiles();
        Assert.Equal(VectorIndexKind.Garnet, reader.ImageSearchKind);
        var queries = Enumerable.Range(0, 12).Select(Query).ToList();
        var before = queries.Select(query => Paths(reader.SearchImages(query, 10))).ToList();

        // Added rows would take places in the shards' top k; removed rows are ones this snapshot still holds.
        images.WriteMany(60, "more");
        foreach (string path in originals.Take(40))
        {
            File.Delete(path);
        }

        TestIndex.Run(db, images.Root, new FakeEmbedder(), Bound(garnet) with { CompactWhenDeadFraction = compact ? 0 : 0.9 });
        Assert.Equal(140, HeldBy(garnet, Keys(VectorCollection.Images)));

        Assert.Equal(before, queries.Select(query => Paths(reader.SearchImages(query, 10))));
        Assert.All(queries, query => Assert.Equal(Paths(folder.SearchImages(query, 10)), Paths(reader.SearchImages(query, 10))));
        Assert.Equal(before, queries.Select(query => Paths(folder.SearchImages(query, 10))));
    }

    private static string[] Paths(IReadOnlyList<ImageHit> hits) => [.. hits.Select(hit => hit.Image.Path)];

    /// <summary>Reports on the calling thread, in order.</summary>
    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public void Garnet_without_vector_sets_or_out_of_reach_is_named_before_any_work()
    {
        images.WriteMany(5);
        var embedder = new FakeEmbedder();
        var options = new IndexerOptions
        {
            Backend = IndexBackend.Garnet,
            Mirror = new GarnetIndexMirror(new GarnetOptions { Endpoints = ["127.0.0.1:1"], ConnectTimeout = TimeSpan.FromMilliseconds(500) }),
        };

        var error = Assert.Throws<IndexFolderException>(() => TestIndex.Run(db, images.Root, embedder, options));

        Assert.Equal(IndexProblem.BackendUnavailable, error.Problem);
        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, embedder.ImagesEmbedded);
    }

    /// <summary>The node's last checkpoint, in Unix seconds (LASTSAVE).</summary>
    private static long LastSave(LocalGarnet garnet)
    {
        using var mux = ConnectionMultiplexer.Connect(garnet.ConnectionString);
        return (long)mux.GetDatabase().Execute("LASTSAVE");
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Waited 30 s for {what}.");
            Thread.Sleep(50);
        }
    }

    private static IndexerOptions Bound(LocalGarnet garnet) => new()
    {
        Backend = IndexBackend.Garnet,
        Mirror = new GarnetIndexMirror(new GarnetOptions { Endpoints = garnet.Endpoints }),
    };

    private IReadOnlyList<string> Keys(VectorCollection collection)
    {
        using var catalog = IndexCatalog.Open(IndexFiles.Catalog(db), readOnly: true);
        var binding = GarnetBinding.Read(catalog)!;
        return binding.Keys(collection, binding[collection].Epoch);
    }

    private static long HeldBy(LocalGarnet garnet, IReadOnlyList<string> keys)
    {
        using var store = GarnetStore.Connect(garnet.Endpoints, new GarnetOptions());
        return keys.Sum(store.Count);
    }

    /// <summary>Mean recall@10 over 20 queries against a plain scan of the stored vectors.</summary>
    private static double Recall(IndexReader reader)
    {
        var stored = reader.Images().Where(image => image.IsReadable).Select(image => (image.Path, Vector: reader.VectorOf(image))).ToList();
        double found = 0;
        for (int q = 0; q < 20; q++)
        {
            var query = Query(q);
            var exact = stored.OrderByDescending(s => Dot(s.Vector, query)).Take(10).Select(s => s.Path).ToHashSet();
            found += reader.SearchImages(query, 10).Count(hit => exact.Contains(hit.Image.Path));
        }

        return found / (20 * 10);
    }

    private static float[] Query(int i) => FakeEmbedder.VectorOf(Encoding.UTF8.GetBytes($"query {i}"));

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
