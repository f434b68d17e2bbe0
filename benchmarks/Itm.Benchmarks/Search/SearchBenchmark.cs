using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Index.Nearest;
using Itm.Index.Vectors;

namespace Itm.Benchmarks.Search;

/// <summary>
/// Exact and HNSW top-k over a large collection (a million 256-d unit vectors), beside FAISS (benchmarks/search/run.sh).
/// The collection is served the way an index folder serves it: an itm vector file, memory-mapped, and a saved USearch
/// graph opened as a view, each phase in its own process so its resident memory is what serving costs.
/// </summary>
public sealed class SearchBenchmark : IEndToEndBenchmark
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string Name => "search";

    public int Run(string[] args)
    {
        SearchBenchmarkOptions options;
        try
        {
            options = SearchBenchmarkOptions.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        Directory.CreateDirectory(options.WorkDir);
        var figures = options.Phase switch
        {
            SearchPhase.Prepare => Prepare(options),
            SearchPhase.Exact => TimeExact(options),
            _ => TimeHnsw(options),
        };
        figures["engine"] = "itm";
        figures["phase"] = options.Phase.ToString().ToLowerInvariant();
        figures["vector512"] = Vector512.IsHardwareAccelerated;
        figures["threads"] = Environment.ProcessorCount;
        Console.WriteLine(JsonSerializer.Serialize(figures, Json));
        return 0;
    }

    private static string PreparedPath(SearchBenchmarkOptions options) => Path.Combine(options.WorkDir, "vectors.f32");

    private static string VectorPath(SearchBenchmarkOptions options) =>
        options.Vectors == VectorPrecision.Float32 ? PreparedPath(options) : Path.Combine(options.WorkDir, "vectors.f16");

    private static string TruthPath(SearchBenchmarkOptions options) => Path.Combine(options.WorkDir, $"truth-k{options.K}.i64");

    private static string GraphPath(SearchBenchmarkOptions options) =>
        Path.Combine(options.WorkDir, $"graph-m{options.Connectivity}-efc{options.ExpansionAdd}-{options.Precision.ToString().ToLowerInvariant()}" +
            (options.Vectors == VectorPrecision.Float32 ? "" : $"-from-{options.Vectors.ToString().ToLowerInvariant()}") + ".usearch");

    private static Dictionary<string, object> Prepare(SearchBenchmarkOptions options)
    {
        var (values, count, dimension) = NpyMatrix.Read(Path.Combine(options.DataDir, "base.npy"));
        Console.Error.WriteLine($"search: writing {count} x {dimension} rows to {PreparedPath(options)}");
        using (var file = VectorFile.Create(PreparedPath(options), dimension))
        {
            const int RowsPerAppend = 65_536;
            for (long start = 0; start < count; start += RowsPerAppend)
            {
                long rows = Math.Min(RowsPerAppend, count - start);
                file.Append(values.AsSpan((int)(start * dimension), (int)(rows * dimension)));
            }
        }

        using var mapped = VectorRows.Map(PreparedPath(options), count);
        var queries = NpyMatrix.Read(Path.Combine(options.DataDir, "queries.npy")).Values;
        var clock = Stopwatch.StartNew();
        var truth = new ExactIndex(mapped).SearchBatch(queries, options.K);
        Console.Error.WriteLine($"search: exact top-{options.K} of {truth.Count} queries in {clock.Elapsed.TotalSeconds:F1} s");
        TruthFile.Write(TruthPath(options), truth.Select(hits => (IReadOnlyList<long>)hits.Select(h => h.Row).ToList()).ToList(), options.K);
        return new Dictionary<string, object> { ["rows"] = count, ["dim"] = dimension };
    }

    private static Dictionary<string, object> TimeExact(SearchBenchmarkOptions options)
    {
        using var rows = OpenRows(options);
        var queries = NpyMatrix.Read(Path.Combine(options.DataDir, "queries.npy")).Values;
        int dimension = rows.Dimension;
        int queryCount = queries.Length / dimension;
        var index = new ExactIndex(rows);
        var truth = TruthFile.Read(TruthPath(options), options.K);

        // Untimed: faults the mapped file into memory, as a serving process that has answered a few queries has.
        index.SearchBatch(queries.AsMemory(0, 2 * dimension), options.K);

        var singleFound = new List<IReadOnlyList<long>>();
        var clock = Stopwatch.StartNew();
        for (int q = 0; q < options.SingleQueries; q++)
        {
            singleFound.Add(index.Search(queries.AsSpan(q * dimension, dimension), options.K).Select(h => h.Row).ToList());
        }

        double singleSeconds = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"search: exact, {options.SingleQueries} single queries: {options.SingleQueries / singleSeconds:F1} q/s");
        var batches = new Dictionary<string, object>();
        double batchRecall = 1;
        foreach (int size in options.BatchSizes)
        {
            var found = new List<IReadOnlyList<long>>();
            clock.Restart();
            for (int first = 0; first < queryCount; first += size)
            {
                int n = Math.Min(size, queryCount - first);
                found.AddRange(index.SearchBatch(queries.AsMemory(first * dimension, n * dimension), options.K).Select(hits => (IReadOnlyList<long>)hits.Select(h => h.Row).ToList()));
            }

            double qps = queryCount / clock.Elapsed.TotalSeconds;
            batchRecall = Math.Min(batchRecall, TruthFile.Recall(truth, found));
            Console.Error.WriteLine($"search: exact, batches of {size}: {qps:F1} q/s");
            batches[size.ToString(System.Globalization.CultureInfo.InvariantCulture)] = qps;
        }

        return new Dictionary<string, object>
        {
            ["rows"] = rows.Rows,
            ["dim"] = dimension,
            ["k"] = options.K,
            ["single_qps"] = options.SingleQueries / singleSeconds,
            ["single_recall"] = TruthFile.Recall(truth[..options.SingleQueries], singleFound),
            ["batch_qps"] = batches,
            ["batch_recall"] = batchRecall,
            ["memory_kib"] = ProcessMemory.Now(),
            ["vector_file_bytes"] = new FileInfo(VectorPath(options)).Length,
            ["vectors"] = options.Vectors.ToString().ToLowerInvariant(),
        };
    }

    private static Dictionary<string, object> TimeHnsw(SearchBenchmarkOptions options)
    {
        using var rows = OpenRows(options);
        var queries = NpyMatrix.Read(Path.Combine(options.DataDir, "queries.npy")).Values;
        int dimension = rows.Dimension;
        int queryCount = queries.Length / dimension;
        var truth = TruthFile.Read(TruthPath(options), options.K);
        var indexOptions = new VectorIndexOptions
        {
            Kind = VectorIndexKind.Hnsw,
            Connectivity = options.Connectivity,
            ExpansionAdd = options.ExpansionAdd,
            Precision = options.Precision,
            Threads = options.Threads,
        };
        var figures = new Dictionary<string, object>
        {
            ["rows"] = rows.Rows,
            ["dim"] = dimension,
            ["k"] = options.K,
            ["connectivity"] = options.Connectivity,
            ["ef_construction"] = options.ExpansionAdd,
            ["precision"] = options.Precision.ToString().ToLowerInvariant(),
            ["vectors"] = options.Vectors.ToString().ToLowerInvariant(),
        };
        string graphPath = GraphPath(options);
        if (options.Rebuild || !File.Exists(graphPath))
        {
            Console.Error.WriteLine($"search: building the {options.Precision} graph over {rows.Rows} rows with {options.Threads} threads");
            var clock = Stopwatch.StartNew();
            using (var built = HnswIndex.Build(rows, null, indexOptions))
            {
                figures["build_s"] = clock.Elapsed.TotalSeconds;
                built.Save(graphPath);
            }

            Console.Error.WriteLine($"search: built in {figures["build_s"]:F0} s");
        }

        var curve = new List<Dictionary<string, object>>();
        int?[] factors = options.RerankFactors.Count == 0 ? [null] : options.RerankFactors.Select(f => (int?)f).ToArray();
        foreach (int? factor in factors)
        foreach (int expansion in options.Expansions)
        {
            var searchOptions = indexOptions with { ExpansionSearch = expansion, RerankFactor = factor };
            using var graph = HnswIndex.Open(graphPath, searchOptions, rows);
            graph.SearchBatch(queries.AsMemory(0, 20 * dimension), options.K); // untimed: first touches of the mapped pages
            var found = new List<IReadOnlyList<long>>();
            var clock = Stopwatch.StartNew();
            for (int q = 0; q < queryCount; q++)
            {
                found.Add(graph.Search(queries.AsSpan(q * dimension, dimension), options.K).Select(h => h.Row).ToList());
            }

            double single = queryCount / clock.Elapsed.TotalSeconds;
            clock.Restart();
            var batch = graph.SearchBatch(queries, options.K);
            double batched = queryCount / clock.Elapsed.TotalSeconds;
            double recall = TruthFile.Recall(truth, found);
            int rerank = searchOptions.RerankFactorFor(options.Precision);
            Console.Error.WriteLine($"search: hnsw {options.Precision} rerank {rerank} ef {expansion}: recall@{options.K} {recall:F4}, single {single:F0} q/s, batch {batched:F0} q/s");
            curve.Add(new Dictionary<string, object>
            {
                ["ef"] = expansion,
                ["rerank"] = rerank,

                // A narrow graph fetches k × RerankFactor candidates to re-score, and the walk keeps at least that many.
                ["search_list"] = graph.Reranks ? Math.Max(expansion, options.K * rerank) : expansion,
                ["recall"] = recall,
                ["batch_recall"] = TruthFile.Recall(truth, batch.Select(hits => (IReadOnlyList<long>)hits.Select(h => h.Row).ToList()).ToList()),
                ["single_qps"] = single,
                ["batch_qps"] = batched,
            });
        }

        figures["curve"] = curve;
        figures["memory_kib"] = ProcessMemory.Now();
        figures["vector_file_bytes"] = new FileInfo(VectorPath(options)).Length;
        figures["graph_file_bytes"] = new FileInfo(graphPath).Length;
        return figures;
    }

    private static VectorRows OpenRows(SearchBenchmarkOptions options)
    {
        string path = VectorPath(options);
        if (!File.Exists(PreparedPath(options)))
        {
            throw new FileNotFoundException($"No {PreparedPath(options)}: run the prepare phase first (benchmarks/search/run.sh does).");
        }

        if (!File.Exists(path))
        {
            WriteNarrowCopy(PreparedPath(options), path, options.Vectors);
        }

        using var stream = File.OpenRead(path);
        var header = VectorFileHeader.Read(stream, path);
        return VectorRows.Map(path, header.Rows);
    }

    /// <summary>The prepared float32 rows written again at <paramref name="precision"/>, as <c>itm index --vector-precision</c> stores them.</summary>
    private static void WriteNarrowCopy(string preparedPath, string path, VectorPrecision precision)
    {
        using var stream = File.OpenRead(preparedPath);
        using var prepared = VectorRows.Map(preparedPath, VectorFileHeader.Read(stream, preparedPath).Rows);
        Console.Error.WriteLine($"search: writing {prepared.Rows} rows at {precision} to {path}");
        using var file = VectorFile.Create(path, prepared.Dimension, precision);
        const int RowsPerAppend = 65_536;
        for (long start = 0; start < prepared.Rows; start += RowsPerAppend)
        {
            file.Append(prepared.Float32Rows(start, (int)Math.Min(RowsPerAppend, prepared.Rows - start)));
        }
    }
}
