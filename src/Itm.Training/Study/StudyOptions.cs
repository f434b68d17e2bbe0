using Itm.Data.Readers;
using Itm.Model.Catalog;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using Itm.Model.Sampling;

namespace Itm.Training.Study;

/// <summary>
/// What <c>itm study</c> runs: sweeps around a base configuration (what <c>itm train</c> would train), each seed of
/// each configuration, within an optional time budget.
/// </summary>
public sealed record StudyOptions
{
    public required string DatasetPath { get; init; }

    /// <summary>The report folder: <c>report.md</c>, <c>results.json</c>, plots, and <c>runs/KEY/seed-N</c> model folders.</summary>
    public required string OutDir { get; init; }

    public DatasetReadOptions ReadOptions { get; init; } = new();

    public string? CacheDir { get; init; }

    /// <summary>The base configuration every sweep varies one factor of.</summary>
    public JointEmbeddingOptions BaseModel { get; init; } = new();

    /// <summary>The base training options; its seed is the first seed.</summary>
    public TrainerOptions BaseTrainer { get; init; } = new();

    /// <summary>Seeds per configuration: BaseTrainer.Seed, +1, ….</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>Stop starting new runs once the next one would end past this; null runs everything.</summary>
    public TimeSpan? Budget { get; init; }

    public IReadOnlyList<StudySweepKind> Sweeps { get; init; } = Enum.GetValues<StudySweepKind>();

    public IReadOnlyList<string> Texts { get; init; } = StudyAxes.DefaultTexts;

    public IReadOnlyList<string> Objectives { get; init; } = StudyAxes.DefaultObjectives;

    public IReadOnlyList<Direction> Directions { get; init; } = Enum.GetValues<Direction>();

    /// <summary>The image encoders of the image sweep: the built-in ones.</summary>
    public IReadOnlyList<ImageEncoderSpec> Images { get; init; } = [FeatureMlpSpec.ResNet18, ResNet18TuneSpec.ResNet18Tune, ConvNetSpec.ConvNet];

    /// <summary>
    /// The objectives of the direction sweeps (<c>LOSS/NEGATIVES</c>), one sweep each: a specialised run gives these
    /// negatives to its own direction and keeps the other direction's in-batch term at the base's counter weight;
    /// <c>both</c> gives them to both directions.
    /// </summary>
    public IReadOnlyList<string> DirectionObjectives { get; init; } = StudyAxes.DefaultDirectionObjectives;

    /// <summary>Train nothing: draw the report from the runs already done, listing the others as not run yet.</summary>
    public bool ReportOnly { get; init; }

    /// <summary>The command line that reproduces the study, quoted in the report.</summary>
    public string Command { get; init; } = "itm study";

    public void Validate()
    {
        BaseTrainer.Validate();
        if (Seeds < 1)
        {
            throw new ArgumentException($"A study needs at least 1 seed, got {Seeds}.");
        }

        if (Budget is { } budget && budget <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The budget must be positive, got {budget.TotalMinutes} minutes.");
        }

        if (Sweeps.Count == 0)
        {
            throw new ArgumentException("A study needs at least one sweep (text, objective, direction, image).");
        }
    }
}
