using Itm.Data.Readers;
using Itm.Evaluation.Calibration;
using Itm.Model.JointEmbedding;

namespace Itm.Training.Jobs;

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
    /// A model folder whose weights the run starts from (fine-tuning), keeping its text featurizer; <see cref="Model"/>
    /// must build the same modules (<see cref="FineTuning.ModelOptions"/> reads them from the folder). Null starts
    /// from freshly initialised weights.
    /// </summary>
    public string? InitFrom { get; init; }

    /// <summary>
    /// Which pairs the calibration fitted at the end counts as relevant (<c>itm calibrate --relevance</c> refits it);
    /// null picks by the dataset: scenes for a synthetic one, else caption-terms.
    /// </summary>
    public CalibrationRelevance? Relevance { get; init; }

    /// <summary>Evaluate on the test split at the end and record the figures in the manifest.</summary>
    public bool EvaluateTest { get; init; } = true;
}
