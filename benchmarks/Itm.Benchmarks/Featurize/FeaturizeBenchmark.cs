using System.Diagnostics;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Data.Images;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;

namespace Itm.Benchmarks.Featurize;

/// <summary>
/// Image featurisation end to end, the way `itm index` does it: file → decode + resize → ResNet18 (ONNX Runtime) → 512-d
/// pooled features, through the feature cache (fresh and empty each round, so every image is a miss). Session creation
/// and one warm-up batch are not timed; the peer script (benchmarks/featurize/featurize_peer.py) does the same.
/// <see cref="FeaturizePath.DecodeOnly"/> and <see cref="FeaturizePath.NetworkOnly"/> time the two stages apart, to
/// say where the time goes.
/// </summary>
public sealed class FeaturizeBenchmark : IEndToEndBenchmark
{
    public string Name => "featurize";

    public int Run(string[] args)
    {
        var options = FeaturizeBenchmarkOptions.Parse(args);
        var paths = Directory.EnumerateFiles(options.Images)
            .Where(p => p.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (options.Limit > 0)
        {
            paths = paths.Take(options.Limit).ToList();
        }

        var scratch = Path.Combine(Path.GetTempPath(), $"itm-featurize-{Environment.ProcessId}");
        try
        {
            var resnet = options.ToResNet18Options(Path.Combine(scratch, "models"));
            using var featurizer = new ResNet18Featurizer(resnet);
            featurizer.Extract(paths.Take(resnet.BatchSize).ToList(), progress: null, CancellationToken.None);
            var decoded = options.Path == FeaturizePath.NetworkOnly ? DecodeAll(featurizer, paths, resnet.DecoderThreads) : null;

            var seconds = new List<double>();
            var cpuSeconds = new List<double>();
            double checksum = 0;
            for (var round = 0; round < options.Rounds; round++)
            {
                var cache = new FeatureCache(Path.Combine(scratch, $"round-{round}"));
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                IReadOnlyList<float[]?> features = options.Path switch
                {
                    FeaturizePath.Cached => new CachedFeatureExtractor(featurizer, cache, new CachedFeatureExtractorOptions { SkipUnreadable = true }).Extract(paths).Features,
                    FeaturizePath.Direct => featurizer.Extract(paths, progress: null, CancellationToken.None),
                    FeaturizePath.DecodeOnly => [.. DecodeAll(featurizer, paths, resnet.DecoderThreads).Select(image => new float[] { image.Pixels[0] })],
                    _ => featurizer.Featurize(decoded!),
                };
                clock.Stop();
                seconds.Add(clock.Elapsed.TotalSeconds);
                cpuSeconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                checksum = features.Sum(f => f is null ? 0 : (double)f.Sum());
                Console.Error.WriteLine($"itm: {paths.Count} images in {clock.Elapsed.TotalSeconds:F2}s = {paths.Count / clock.Elapsed.TotalSeconds:F1} img/s " +
                    $"({1000 * cpuSeconds[^1] / paths.Count:F1} CPU-ms/img; {options.Path}, {resnet.Precision}, batch {resnet.BatchSize}, intra-op {resnet.IntraOpThreads}, decoders {resnet.DecoderThreads}, spinning {resnet.IntraOpSpinning})");
            }

            var median = seconds.Order().ElementAt(seconds.Count / 2);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                system = "itm",
                images = paths.Count,
                seconds = median,
                images_per_second = paths.Count / median,
                rounds = seconds,

                // Spin-waiting counts as CPU time too: on a machine shared with other work, this is the cost per image.
                cpu_ms_per_image = 1000 * cpuSeconds.Order().ElementAt(cpuSeconds.Count / 2) / paths.Count,
                path = options.Path.ToString(),
                precision = options.Precision.ToString(),
                batch = resnet.BatchSize,
                intra_op_threads = resnet.IntraOpThreads,
                decoder_threads = resnet.DecoderThreads,
                intra_op_spinning = resnet.IntraOpSpinning,
                fingerprint = featurizer.Fingerprint,
                checksum,
            }));
            return 0;
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static RgbImage[] DecodeAll(ResNet18Featurizer featurizer, List<string> paths, int threads)
    {
        var images = new RgbImage[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => images[i] = featurizer.Decode(paths[i]));
        return images;
    }
}
