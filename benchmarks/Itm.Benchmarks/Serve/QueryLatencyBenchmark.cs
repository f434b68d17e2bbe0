using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Search.Queries;

namespace Itm.Benchmarks.Serve;

/// <summary>
/// Where a served search's time goes, one query at a time in one process (no HTTP): the text encoder alone
/// (<see cref="QueryService.Embed"/>), a whole search (encoder + vector index + catalog rows), and a similar-image
/// request by id (stored vector + index + catalog). The sentence cache is off, so every search runs the encoder; libtorch
/// runs on one thread, as in <c>itm serve</c>.
///   itm-bench query-latency --db INDEX --queries FILE [--count 500] [--k 10]
/// FILE holds one URL-encoded sentence per line (benchmarks/load/make_queries.py writes it).
/// </summary>
public sealed class QueryLatencyBenchmark : IEndToEndBenchmark
{
    public string Name => "query-latency";

    public int Run(string[] args)
    {
        string? db = null;
        string? queriesFile = null;
        int count = 500;
        int k = 10;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--db": db = args[i + 1]; break;
                case "--queries": queriesFile = args[i + 1]; break;
                case "--count": count = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--k": k = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"Unknown option {args[i]}."); return 2;
            }
        }

        if (db is null || queriesFile is null)
        {
            Console.Error.WriteLine("Usage: query-latency --db INDEX --queries FILE [--count 500] [--k 10]");
            return 2;
        }

        string[] sentences = [.. File.ReadLines(queriesFile).Where(line => line.Length > 0).Take(count).Select(Uri.UnescapeDataString)];
        using var service = QueryService.Open(db, new QueryOptions { SentenceCacheSize = 0, TorchThreads = 1 });
        var random = new Random(1);
        long[] ids = [.. Enumerable.Range(0, sentences.Length).Select(_ => random.NextInt64(1, service.ImageCount + 1))];

        // Warm-up: loads the model, maps the vectors, fills the catalog's page cache.
        foreach (string sentence in sentences.Take(20))
        {
            service.Search(sentence, k);
        }

        var embed = Time(sentences, sentence => service.Embed(QueryExpression.Parse(sentence)));
        var search = Time(sentences, sentence => service.Search(sentence, k));
        var similar = Time(ids, id => service.Similar(ImageReference.Indexed(id), k));
        var figures = new Dictionary<string, object>
        {
            ["images"] = service.ImageCount,
            ["search_structure"] = service.Stats().ImageSearch.ToString(),
            ["queries"] = sentences.Length,
            ["embed_ms"] = embed,
            ["search_ms"] = search,
            ["similar_ms"] = similar,
        };
        Console.Error.WriteLine($"{service.ImageCount} images ({service.Stats().ImageSearch}), {sentences.Length} queries, k={k}; milliseconds:");
        foreach (var (name, summary) in new[] { ("text encoder", embed), ("search", search), ("similar", similar) })
        {
            Console.Error.WriteLine($"  {name,-13} p50 {summary.P50,7:F3}  p90 {summary.P90,7:F3}  p99 {summary.P99,7:F3}  mean {summary.Mean,7:F3}");
        }

        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    private static LatencySummary Time<T>(IReadOnlyList<T> inputs, Action<T> action)
    {
        var milliseconds = new double[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action(inputs[i]);
            milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return LatencySummary.Of(milliseconds);
    }
}
