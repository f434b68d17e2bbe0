using System.Diagnostics;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Benchmarks.Serve;
using Itm.Index.Catalog;
using Itm.Index.Garnet;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Scanning;
using Itm.Index.Storage;

namespace Itm.Benchmarks.Garnet;

/// <summary>
/// An index folder bound to Garnet nodes running in this process (1 node, or a cluster on loopback): the rate at
/// which <see cref="GarnetMirror"/> pushes the vectors, then single-query latency, queries/s and recall@10 of
/// <see cref="IndexReader.SearchImages"/> (fan-out to every shard, merge, catalog lookup) against an exact scan of the
/// same vectors, at several search list sizes. Prints one JSON object (benchmarks/garnet/run.sh).
/// </summary>
public sealed class GarnetBenchmark : IEndToEndBenchmark
{
    public string Name => "garnet";

    public int Run(string[] args)
    {
        GarnetBenchmarkOptions options;
        try
        {
            options = GarnetBenchmarkOptions.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var (values, count, dimension) = NpyMatrix.Read(Path.Combine(options.DataDir, "base.npy"));
        int rows = (int)Math.Min(options.Rows, count);
        var queries = NpyMatrix.Read(Path.Combine(options.DataDir, "queries.npy")).Values.AsMemory(0, options.Queries * dimension);
        string db = Path.Combine(options.WorkDir, $"index-{rows}");
        if (Directory.Exists(db))
        {
            Directory.Delete(db, recursive: true);
        }

        WriteIndex(db, values.AsSpan(0, rows * dimension), dimension);
        var truth = ExactTruth(db, rows, queries, options.K);

        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = options.Nodes, Port = 0 });
        var garnetOptions = new GarnetOptions { Endpoints = garnet.Endpoints, Shards = options.Shards, Links = options.Links, BuildExpansion = options.BuildExpansion };
        var figures = new Dictionary<string, object>
        {
            ["engine"] = "itm+garnet",
            ["rows"] = rows,
            ["dim"] = dimension,
            ["nodes"] = options.Nodes,
            ["links"] = options.Links,
            ["build_ef"] = options.BuildExpansion,
            ["threads"] = Environment.ProcessorCount,
        };
        var clock = Stopwatch.StartNew();
        using (var folder = IndexFolder.Open(db, Identity(db, dimension), reembed: false))
        using (var store = GarnetStore.Connect(garnet.Endpoints, garnetOptions))
        {
            var binding = GarnetMirror.Bind(folder, store, garnetOptions);
            figures["shards"] = binding.Shards;
            GarnetMirror.Sync(folder, store, binding, VectorCollection.Images, new Progress(rows));
        }

        double seconds = clock.Elapsed.TotalSeconds;
        figures["insert_s"] = seconds;
        figures["insert_per_s"] = rows / seconds;
        Console.Error.WriteLine($"garnet: {rows:N0} vectors pushed to {options.Nodes} node(s) in {seconds:F1} s ({rows / seconds:N0}/s)");

        var curve = new List<Dictionary<string, object>>();
        foreach (int ef in options.Expansions)
        {
            using var reader = IndexReader.Open(db, mirror: new GarnetIndexMirror(garnetOptions with { SearchExpansion = ef }));
            for (int q = 0; q < Math.Min(20, options.Queries); q++)
            {
                reader.SearchImages(queries.Span.Slice(q * dimension, dimension), options.K);
            }

            var latencies = new List<double>(options.Queries);
            double found = 0;
            var total = Stopwatch.StartNew();
            for (int q = 0; q < options.Queries; q++)
            {
                var start = Stopwatch.GetTimestamp();
                var hits = reader.SearchImages(queries.Span.Slice(q * dimension, dimension), options.K);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                found += hits.Count(hit => truth[q].Contains(hit.Image.VectorRow!.Value));
            }

            var latency = LatencySummary.Of(latencies);
            var point = new Dictionary<string, object>
            {
                ["ef"] = ef,
                ["recall"] = found / (options.Queries * options.K),
                ["p50_ms"] = latency.P50,
                ["p99_ms"] = latency.P99,
                ["single_qps"] = options.Queries / total.Elapsed.TotalSeconds,
            };
            Console.Error.WriteLine($"garnet: ef {ef}: recall@{options.K} {point["recall"]:F4}, p50 {latency.P50:F2} ms, p99 {latency.P99:F2} ms, {point["single_qps"]:F0} q/s");
            curve.Add(point);
        }

        figures["curve"] = curve;
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    private static IndexIdentity Identity(string db, int dimension) => new("benchmark-vectors", "benchmark", Path.GetFullPath(db), dimension);

    /// <summary>An index folder holding the vectors as images named by their row, the way <c>itm index</c> lays them out.</summary>
    private static void WriteIndex(string db, ReadOnlySpan<float> vectors, int dimension)
    {
        using var folder = IndexFolder.Open(db, Identity(db, dimension), reembed: false);
        const int Batch = 65_536;
        int rows = vectors.Length / dimension;
        for (int start = 0; start < rows; start += Batch)
        {
            int n = Math.Min(Batch, rows - start);
            var files = Enumerable.Range(start, n).Select(row => new ScannedFile($"{row:D8}.png", $"/{row:D8}.png", 1, 0)).ToList();
            folder.CommitImages(files, vectors.Slice(start * dimension, n * dimension), []);
        }
    }

    private static List<HashSet<long>> ExactTruth(string db, int rows, ReadOnlyMemory<float> queries, int k)
    {
        using var reader = IndexReader.Open(db, new VectorIndexOptions { Kind = VectorIndexKind.Exact });
        var dimension = reader.Identity.Dimension;
        var truth = new List<HashSet<long>>();
        for (int q = 0; q < queries.Length / dimension; q++)
        {
            truth.Add([.. reader.SearchImages(queries.Span.Slice(q * dimension, dimension), k).Select(hit => hit.Image.VectorRow!.Value)]);
        }

        Console.Error.WriteLine($"garnet: exact top-{k} of {truth.Count} queries over {rows:N0} rows");
        return truth;
    }

    /// <summary>Prints the push's progress every tenth of the way.</summary>
    private sealed class Progress(int total) : IProgress<IndexEvent>
    {
        private int reported;

        public void Report(IndexEvent value)
        {
            if (value is IndexStageAdvanced advanced && advanced.Done * 10L / total > reported)
            {
                reported = (int)(advanced.Done * 10L / total);
                Console.Error.WriteLine($"garnet: {advanced.Done:N0} of {total:N0} pushed");
            }
        }
    }
}
