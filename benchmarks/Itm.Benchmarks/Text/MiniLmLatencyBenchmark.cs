using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Benchmarks.Serve;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Model.TextEncoders;

namespace Itm.Benchmarks.Text;

/// <summary>
/// The pretrained MiniLM sentence encoder alone, the part of a served text search that costs most: one sentence per
/// call (how queries arrive) with 1 and 2 ONNX Runtime threads, and sentences per second in batches of 16 and 64.
/// With <c>--model DIR</c> (a MiniLM model folder) it also splits one query's text channel into the MiniLM step and the
/// model's trained head.
///   itm-bench minilm --queries FILE [--count 300] [--model DIR]
/// FILE holds one URL-encoded sentence per line (benchmarks/load/make_queries.py writes it).
/// </summary>
public sealed class MiniLmLatencyBenchmark : IEndToEndBenchmark
{
    public string Name => "minilm";

    public int Run(string[] args)
    {
        string? queriesFile = null;
        string? modelDir = null;
        int count = 300;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--queries": queriesFile = args[i + 1]; break;
                case "--count": count = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--model": modelDir = args[i + 1]; break;
                default: Console.Error.WriteLine($"Unknown option {args[i]}."); return 2;
            }
        }

        if (queriesFile is null)
        {
            Console.Error.WriteLine("Usage: minilm --queries FILE [--count 300]");
            return 2;
        }

        string[] sentences = [.. File.ReadLines(queriesFile).Where(line => line.Length > 0).Take(count).Select(Uri.UnescapeDataString)];
        var figures = new Dictionary<string, object> { ["sentences"] = sentences.Length };
        foreach (int threads in new[] { 1, 2 })
        {
            using var encoder = new MiniLmExtractor(new MiniLmOptions { IntraOpThreads = threads });
            encoder.Extract(sentences.Take(20).ToList(), null, CancellationToken.None);
            var single = new double[sentences.Length];
            for (int i = 0; i < sentences.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                encoder.Extract([sentences[i]], null, CancellationToken.None);
                single[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            var summary = LatencySummary.Of(single);
            figures[$"single_threads{threads}_ms"] = summary;
            Console.Error.WriteLine($"minilm, {threads} thread(s), one sentence per call: p50 {summary.P50:F2} ms, p99 {summary.P99:F2} ms");
            foreach (int batch in new[] { 16, 64 })
            {
                using var batched = new MiniLmExtractor(new MiniLmOptions { IntraOpThreads = threads, BatchSize = batch });
                var clock = Stopwatch.StartNew();
                batched.Extract(sentences, null, CancellationToken.None);
                double perSecond = sentences.Length / clock.Elapsed.TotalSeconds;
                figures[$"batch{batch}_threads{threads}_per_s"] = perSecond;
                Console.Error.WriteLine($"minilm, {threads} thread(s), batches of {batch}: {perSecond:F0} sentences/s");
            }
        }

        if (modelDir is not null)
        {
            SplitTextChannel(modelDir, sentences, figures);
        }

        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    /// <summary>One query at a time through a loaded model: its MiniLM inputs, then the head that maps them to the joint space.</summary>
    private static void SplitTextChannel(string modelDir, string[] sentences, Dictionary<string, object> figures)
    {
        using var model = ModelFolder.Load(modelDir);
        model.EncodeSentences(sentences.Take(20).ToList());
        var inputs = new double[sentences.Length];
        var head = new double[sentences.Length];
        var whole = new double[sentences.Length];
        for (int i = 0; i < sentences.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var input = model.Text.FromSentences([sentences[i]]);
            long middle = Stopwatch.GetTimestamp();
            Embedder.EncodeTexts(model.Model, input);
            long end = Stopwatch.GetTimestamp();
            model.EncodeSentences([sentences[i]]);
            whole[i] = Stopwatch.GetElapsedTime(end).TotalMilliseconds;
            inputs[i] = Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds;
            head[i] = Stopwatch.GetElapsedTime(middle, end).TotalMilliseconds;
        }

        foreach (var (name, values) in new[] { ("model_minilm_ms", inputs), ("model_head_ms", head), ("model_whole_ms", whole) })
        {
            var summary = LatencySummary.Of(values);
            figures[name] = summary;
            Console.Error.WriteLine($"{name}: p50 {summary.P50:F2} ms, p99 {summary.P99:F2} ms");
        }
    }
}
