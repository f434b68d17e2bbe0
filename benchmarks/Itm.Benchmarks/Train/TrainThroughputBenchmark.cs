using System.Diagnostics;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Model.JointEmbedding;
using Itm.Training;
using static TorchSharp.torch;

namespace Itm.Benchmarks.Train;

/// <summary>
/// Training throughput (image–caption pairs per second) of one text model with the default image channel over cached
/// ResNet18 features, through <see cref="Trainer.Run"/> itself with the defaults of <c>itm train</c>. It writes the
/// featurised training set and the batch order for the PyTorch peer (benchmarks/train/train_peer.py), which times the
/// same steps the same way: after <see cref="TrainBenchmarkOptions.WarmupSteps"/> untimed steps, windows of
/// <see cref="TrainBenchmarkOptions.WindowSteps"/> consecutive steps; the figure is the median window.
/// </summary>
public sealed class TrainThroughputBenchmark : IEndToEndBenchmark
{
    public string Name => "train";

    public int Run(string[] args)
    {
        TrainBenchmarkOptions options;
        try
        {
            options = TrainBenchmarkOptions.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var model = new JointEmbeddingOptions { Text = BenchmarkTextModels.Options(options.Text) };
        string name = BenchmarkTextModels.Name(options.Text);
        Console.Error.WriteLine($"train {name}: reading {options.DatasetPath} and its cached ResNet18 features");
        using var set = BenchmarkTrainingSet.Load(options.DatasetPath, model.Text, model.Image, options.CacheDir, options.VocabularyCopies);
        var data = set.Data;
        int stepsPerEpoch = Trainer.EpochBatches(options.Seed, 1, data.Sentences.Count, options.BatchSize).Count;
        int epochs = (options.TotalSteps + stepsPerEpoch - 1) / stepsPerEpoch;
        var trainer = new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = options.BatchSize,
            Seed = options.Seed,
            Threads = options.Threads,
            // Throughput only: no epoch may end the run early.
            Patience = epochs + 1,
            SparseUpdates = options.SparseUpdates,
        };
        var batches = Enumerable.Range(1, epochs)
            .SelectMany(epoch => Trainer.EpochBatches(options.Seed, epoch, data.Sentences.Count, options.BatchSize))
            .Take(options.TotalSteps)
            .ToList();
        string folder = TrainingSetExport.Write(set, options, model, trainer, batches);
        Console.Error.WriteLine(
            $"train {name}: {data.ImageCount} images, {data.Sentences.Count} captions, {set.FeatureCount} text features; " +
            $"{options.TotalSteps} steps of batch {options.BatchSize} ({stepsPerEpoch} per epoch); inputs for the peer in {folder}");

        manual_seed(options.Seed);
        using var joint = JointEmbeddingFactory.Create(model, set.FeatureCount, [set.ImageFeatureDim]);
        using var clock = new StepClock(options.TotalSteps);
        try
        {
            Trainer.Run(joint, data, validation: null, trainer, progress: clock, cancellation: clock.Cancellation);
        }
        catch (OperationCanceledException) when (clock.StepEnds.Count >= options.TotalSteps)
        {
            // The clock stopped the run after the last timed step.
        }

        var windows = Windows(options, clock.Start, clock.StepEnds, batches);
        double median = Medians.Of(windows.Select(w => w.PairsPerSecond));
        Console.Error.WriteLine(
            $"train {name}: itm {string.Join(", ", windows.Select(w => $"{w.PairsPerSecond:F0}"))} pairs/s per window; median {median:F0} pairs/s " +
            $"({1000.0 * options.BatchSize / median:F1} ms per step of {options.BatchSize}); the trainer's own progress said {clock.LastReportedPairsPerSecond:F0} pairs/s");
        var figures = new
        {
            side = "itm",
            text = name,
            pairsPerSecond = median,
            windowPairsPerSecond = windows.Select(w => w.PairsPerSecond),
            windowSeconds = windows.Select(w => w.Seconds),
            cpuSecondsPerStep = CpuSecondsPerStep(options, clock),
            trainerReportedPairsPerSecond = clock.LastReportedPairsPerSecond,
            firstLoss = clock.Losses[0],
            lastWindowMeanLoss = clock.Losses.Skip(options.TotalSteps - options.WindowSteps).Take(options.WindowSteps).Average(),
            threads = options.Threads,
            batchSize = options.BatchSize,
            warmupSteps = options.WarmupSteps,
            windowSteps = options.WindowSteps,
            images = data.ImageCount,
            captions = data.Sentences.Count,
            textFeatures = set.FeatureCount,
            vocabularyCopies = options.VocabularyCopies,
            sparseUpdates = options.SparseUpdates,
            peakWorkingSetMiB = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
            runtime = $"TorchSharp, libtorch {__version__}",
        };
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    /// <summary>Pairs per second of each timed window, from the end of the step before it to the end of its last step.</summary>
    private static List<(double PairsPerSecond, double Seconds)> Windows(TrainBenchmarkOptions options, long start, IReadOnlyList<long> stepEnds, IReadOnlyList<int[]> batches)
    {
        var windows = new List<(double, double)>();
        for (int w = 0; w < options.Windows; w++)
        {
            int first = options.WarmupSteps + (w * options.WindowSteps);
            int last = first + options.WindowSteps - 1;
            long from = first == 0 ? start : stepEnds[first - 1];
            double seconds = Stopwatch.GetElapsedTime(from, stepEnds[last]).TotalSeconds;
            int pairs = batches.Skip(first).Take(options.WindowSteps).Sum(b => b.Length);
            windows.Add((pairs / seconds, seconds));
        }

        return windows;
    }

    /// <summary>CPU seconds (all threads) per step, median over the windows: less sensitive than wall time to a busy machine.</summary>
    private static double CpuSecondsPerStep(TrainBenchmarkOptions options, StepClock clock) => Medians.Of(Enumerable.Range(0, options.Windows).Select(w =>
    {
        int first = options.WarmupSteps + (w * options.WindowSteps);
        var from = first == 0 ? clock.CpuStart : clock.CpuEnds[first - 1];
        return (clock.CpuEnds[first + options.WindowSteps - 1] - from).TotalSeconds / options.WindowSteps;
    }));
}
