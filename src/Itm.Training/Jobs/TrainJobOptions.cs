using Itm.Data.Readers;
using Itm.Evaluation.Calibration;
using Itm.Model.JointEmbedding;

namespace Itm.Training.Jobs;

/// <summary>What a fine-tuning run does with the words of its data that the initial model's featurizer has no id for.</summary>
public enum InitialFeatures
{
    /// <summary>Each gets a new id and a row of its own, starting at zero, after the initial model's, which keep their ids and weights.</summary>
    Extend,

    /// <summary>They read as the unknown id: the run's featurizer is the initial model's.</summary>
    Keep,
}

/// <summary>A whole training run: which data, which model, how to train, where to write the model folder.</summary>
public sealed record TrainJobOptions
{
    public required string DatasetPath { get; init; }

    public DatasetReadOptions ReadOptions { get; init; } = new();

    public required string OutDir { get; init; }

    public JointEmbeddingOptions Model { get; init; } = new();

    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>Where image features and pretrained sentence vectors are cached; null uses the default cache folder.</summary>
    public string? CacheDir { get; init; }

    /// <summary>
    /// A model folder whose weights the run starts from (fine-tuning), keeping its text featurizer's ids; <see cref="Model"/>
    /// must build the same modules (<see cref="FineTuning.ModelOptions"/> reads them from the folder). Null starts
    /// from freshly initialised weights.
    /// </summary>
    public string? InitFrom { get; init; }

    /// <summary>
    /// With <see cref="InitFrom"/>: whether the new data's words and n-grams that the initial model's featurizer lacks
    /// get rows of their own (<see cref="InitialFeatures.Extend"/>) or read as unknown (<see cref="InitialFeatures.Keep"/>).
    /// </summary>
    public InitialFeatures InitFeatures { get; init; } = InitialFeatures.Extend;

    /// <summary>
    /// Which pairs the calibration fitted at the end counts as relevant (<c>itm calibrate --relevance</c> refits it);
    /// null picks by the dataset: scenes for a synthetic one, else caption-terms.
    /// </summary>
    public CalibrationRelevance? Relevance { get; init; }

    /// <summary>Evaluate on the test split at the end and record the figures in the manifest.</summary>
    public bool EvaluateTest { get; init; } = true;
}
