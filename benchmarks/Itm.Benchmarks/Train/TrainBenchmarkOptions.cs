using System.Globalization;

namespace Itm.Benchmarks.Train;

/// <summary>
/// What the training benchmark runs: which text model on which dataset, and how the steady state is timed
/// (<see cref="WarmupSteps"/> untimed steps, then <see cref="Windows"/> windows of <see cref="WindowSteps"/> steps).
/// </summary>
public sealed record TrainBenchmarkOptions
{
    public string DatasetPath { get; init; } = "data/openclipart/dataset.json";

    public BenchmarkTextModel Text { get; init; } = BenchmarkTextModel.Bow;

    /// <summary>Where the featurised training set and the batch order are written for the peer.</summary>
    public string WorkDir { get; init; } = "benchmarks/work/train";

    /// <summary>The feature cache; null uses itm's default.</summary>
    public string? CacheDir { get; init; }

    public int WarmupSteps { get; init; } = 10;

    public int WindowSteps { get; init; } = 20;

    public int Windows { get; init; } = 3;

    public int Threads { get; init; } = 2;

    public int BatchSize { get; init; } = 128;

    public int Seed { get; init; } = 1;

    /// <summary>
    /// Grows the text feature space this many times without changing the steps: the captions of image r move into
    /// copy (r mod K) of the id space, each copy a vocabulary of its own (as many icon sets each bring their own
    /// names), so a batch touches about as many rows as before while the table is K times larger.
    /// </summary>
    public int VocabularyCopies { get; init; } = 1;

    /// <summary>itm's row-sparse table updates (<see cref="Itm.Training.TrainerOptions.SparseUpdates"/>); false for the dense step.</summary>
    public bool SparseUpdates { get; init; } = true;

    public int TotalSteps => WarmupSteps + (WindowSteps * Windows);

    public const string Usage =
        "train --text bow|bigram|trigram|trigram-skip|sse [--data DATASET.json] [--work DIR] [--cache DIR] " +
        "[--warmup STEPS] [--steps STEPS_PER_WINDOW] [--windows N] [--threads N] [--batch B] [--seed S] " +
        "[--vocab-copies K] [--sparse-updates true|false]";

    /// <exception cref="FormatException">An unknown option or a value that does not parse.</exception>
    public static TrainBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new TrainBenchmarkOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value. Usage: {Usage}");
            options = name switch
            {
                "--text" => options with { Text = BenchmarkTextModels.Parse(value) },
                "--data" => options with { DatasetPath = value },
                "--work" => options with { WorkDir = value },
                "--cache" => options with { CacheDir = value },
                "--warmup" => options with { WarmupSteps = Count(name, value, 0) },
                "--steps" => options with { WindowSteps = Count(name, value, 1) },
                "--windows" => options with { Windows = Count(name, value, 1) },
                "--threads" => options with { Threads = Count(name, value, 1) },
                "--batch" => options with { BatchSize = Count(name, value, 2) },
                "--seed" => options with { Seed = Count(name, value, 0) },
                "--vocab-copies" => options with { VocabularyCopies = Count(name, value, 1) },
                "--sparse-updates" => options with { SparseUpdates = Boolean(name, value) },
                _ => throw new FormatException($"Unknown option {name}. Usage: {Usage}"),
            };
        }

        return options;
    }

    private static bool Boolean(string name, string value) => bool.TryParse(value, out bool b)
        ? b
        : throw new FormatException($"{name} needs true or false, got '{value}'.");

    private static int Count(string name, string value, int least) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= least
            ? n
            : throw new FormatException($"{name} needs a whole number of at least {least}, got '{value}'.");
}
