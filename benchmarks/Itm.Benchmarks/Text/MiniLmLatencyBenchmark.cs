using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Benchmarks.Serve;
using Itm.Model.Features;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Model.TextEncoders;

namespace Itm.Benchmarks.Text;

/// <summary>
/// The pretrained MiniLM sentence encoder alone, the part of a served text search that costs most, in float32 and
/// int8 side by side: one sentence per call (how queries arrive) with 1 and 2 ONNX Runtime threads, and sentences per
/// second in batches of 16 and 64, in interleaved rounds (medians reported), then the cosine between the two
/// precisions' vectors. With <c>--model DIR</c> (a MiniLM model folder) it also splits one query's text channel into
/// the MiniLM step and the model's trained head.
///   itm-bench minilm --queries FILE [--count 300] [--rounds 3] [--model DIR]
/// FILE holds one URL-encoded sentence per line (benchmarks/load/make_queries.py writes it).
/// </summary>
public sealed class MiniLmLatencyBenchmark : IEndToEndBenchmark
{
    private static readonly PretrainedPrecision[] Precisions = [PretrainedPrecision.Float32, PretrainedPrecision.Int8];

    public string Name => "minilm";

    public int Run(string[] args)
    {
        string? queriesFile = null;
        string? modelDir = null;
        int count = 300;
        int rounds = 3;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--queries": queriesFile = args[i + 1]; break;
                case "--count": count = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--model": modelDir = args[i + 1]; break;
                default: Console.Error.WriteLine($"Unknown option {args[i]}."); return 2;
            }
        }

        if (queriesFile is null)
        {
            Console.Error.WriteLine("Usage: minilm --queries FILE [--count 300] [--rounds 3] [--model DIR]");
            return 2;
        }

        string[] sentences = [.. File.ReadLines(queriesFile).Where(line => line.Length > 0).Take(count).Select(Uri.UnescapeDataString)];
        var figures = new Dictionary<string, object> { ["sentences"] = sentences.Length, ["rounds"] = rounds };
        var samples = new Dictionary<string, List<double>>();
        void Record(string key, double value) => (samples.TryGetValue(key, out var list) ? list : samples[key] = []).Add(value);
        for (int round = 1; round <= rounds; round++)
        {
            foreach (int threads in new[] { 1, 2 })
            {
                foreach (var precision in Precisions)
                {
                    string side = $"{precision.ToString().ToLowerInvariant()}_threads{threads}";
                    using var encoder = new MiniLmExtractor(new MiniLmOptions { IntraOpThreads = threads, Precision = precision });
                    encoder.Extract(sentences.Take(20).ToList(), null, CancellationToken.None);
                    var single = new double[sentences.Length];
                    for (int i = 0; i < sentences.Length; i++)
                    {
                        long start = Stopwatch.GetTimestamp();
                        encoder.Extract([sentences[i]], null, CancellationToken.None);
                        single[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    }

                    var summary = LatencySummary.Of(single);
                    Record($"{side}_single_p50_ms", summary.P50);
                    Record($"{side}_single_p99_ms", summary.P99);
                    Record($"{side}_single_per_s", 1000 / summary.Mean);
                    Console.Error.WriteLine($"round {round}, minilm {side}, one sentence per call: p50 {summary.P50:F2} ms, p99 {summary.P99:F2} ms, {1000 / summary.Mean:F0} sentences/s");
                    foreach (int batch in new[] { 16, 64 })
                    {
                        using var batched = new MiniLmExtractor(new MiniLmOptions { IntraOpThreads = threads, BatchSize = batch, Precision = precision });
                        var clock = Stopwatch.StartNew();
                        batched.Extract(sentences, null, CancellationToken.None);
                        double perSecond = sentences.Length / clock.Elapsed.TotalSeconds;
                        Record($"{side}_batch{batch}_per_s", perSecond);
                        Console.Error.WriteLine($"round {round}, minilm {side}, batches of {batch}: {perSecond:F0} sentences/s");
                    }
                }
            }
        }

        foreach (var (key, values) in samples)
        {
            figures[key] = Medians.Of(values);
        }

        figures["int8_cosine"] = Int8Cosine(sentences);
        if (modelDir is not null)
        {
            SplitTextChannel(modelDir, sentences, figures);
        }

        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    /// <summary>Cosine between each sentence's float32 and int8 vectors: min, 1st percentile, median.</summary>
    private static Dictionary<string, double> Int8Cosine(string[] sentences)
    {
        using var reference = new MiniLmExtractor();
        using var quantised = new MiniLmExtractor(new MiniLmOptions { Precision = PretrainedPrecision.Int8 });
        var a = reference.Extract(sentences, null, CancellationToken.None);
        var b = quantised.Extract(sentences, null, CancellationToken.None);
        double[] cosines = [.. a.Zip(b, (x, y) => (double)x.Zip(y, (p, q) => p * q).Sum()).Order()];
        var summary = new Dictionary<string, double> { ["min"] = cosines[0], ["p1"] = cosines[cosines.Length / 100], ["median"] = cosines[cosines.Length / 2] };
        Console.Error.WriteLine($"int8 vs float32 cosine over {cosines.Length} sentences: min {summary["min"]:F4}, p1 {summary["p1"]:F4}, median {summary["median"]:F4}");
        return summary;
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
